import Foundation
import Geo
import PropertyBased
import Testing

@Suite("RTree")
struct RTreeTests {
    typealias Entry = (box: BoundingBox, value: Int32)

    /// What the tree must find: every entry whose box intersects the query, by scanning them all.
    static func bruteForce(_ entries: [Entry], _ query: BoundingBox) -> [Int32] {
        entries.filter { $0.box.intersects(query) }.map(\.value).sorted()
    }

    static func found(_ tree: RTree, _ query: BoundingBox) -> [Int32] {
        var values: [Int32] = []
        tree.search(query) { values.append($0) }
        return values.sorted()
    }

    static func found(_ tree: RTree, containing p: GeoPoint) -> [Int32] {
        var values: [Int32] = []
        tree.search(containing: p) { values.append($0) }
        return values.sorted()
    }

    static let world = BoundingBox(minLongitude: -180, minLatitude: -90, maxLongitude: 180, maxLatitude: 90)

    /// A box from four numbers in 0...1: on a coarse integer grid, where boxes share edges and corners all the
    /// time, or anywhere in the world with sizes from nothing (a point) to about 30 degrees.
    static func box(_ u: (Double, Double, Double, Double), grid: Bool) -> BoundingBox {
        if grid {
            let lons = [(u.0 * 12).rounded(.down), (u.2 * 12).rounded(.down)].sorted()
            let lats = [(u.1 * 12).rounded(.down), (u.3 * 12).rounded(.down)].sorted()
            return BoundingBox(minLongitude: lons[0], minLatitude: lats[0], maxLongitude: lons[1], maxLatitude: lats[1])
        }
        let isPoint = u.2 < 0.05
        let width = isPoint ? 0 : pow(10, -4 + 5.5 * u.2)
        let height = isPoint ? 0 : pow(10, -4 + 5.2 * u.3)
        let west = -180 + 360 * u.0, south = -90 + 180 * u.1
        return BoundingBox(
            minLongitude: west, minLatitude: south, maxLongitude: min(180, west + width),
            maxLatitude: min(90, south + height))
    }

    @Test("an empty tree finds nothing")
    func empty() {
        let tree = RTree(entries: [])
        #expect(tree.count == 0)
        #expect(Self.found(tree, Self.world).isEmpty)
        #expect(Self.found(tree, containing: point(0, 0)).isEmpty)
    }

    @Test("one entry: found when the query touches it, not when apart")
    func single() {
        let box = BoundingBox(minLongitude: 13.4, minLatitude: 52.5, maxLongitude: 13.415, maxLatitude: 52.509)
        let tree = RTree(entries: [(box, 7)])
        #expect(tree.count == 1)
        #expect(Self.found(tree, Self.world) == [7])
        #expect(Self.found(tree, containing: point(52.505, 13.41)) == [7])
        #expect(Self.found(tree, containing: point(52.5, 13.4)) == [7])
        #expect(Self.found(tree, containing: point(52.509, 13.415)) == [7])
        #expect(Self.found(tree, containing: point(52.4999, 13.41)).isEmpty)
        let touching = BoundingBox(minLongitude: 13.415, minLatitude: 52.509, maxLongitude: 14, maxLatitude: 53)
        #expect(Self.found(tree, touching) == [7])
        let apart = BoundingBox(minLongitude: 13.4151, minLatitude: 52, maxLongitude: 14, maxLatitude: 53)
        #expect(Self.found(tree, apart).isEmpty)
    }

    @Test("a value stored with several boxes is visited once per intersecting box")
    func repeatedValues() {
        let west = BoundingBox(minLongitude: 179, minLatitude: 0, maxLongitude: 180, maxLatitude: 1)
        let east = BoundingBox(minLongitude: -180, minLatitude: 0, maxLongitude: -179, maxLatitude: 1)
        let other = BoundingBox(minLongitude: 0, minLatitude: 0, maxLongitude: 1, maxLatitude: 1)
        let tree = RTree(entries: [(west, 3), (east, 3), (other, 4)])
        #expect(tree.count == 3)
        #expect(Self.found(tree, Self.world) == [3, 3, 4])
        #expect(Self.found(tree, containing: point(0.5, 179.5)) == [3])
        #expect(Self.found(tree, containing: point(0.5, -179.5)) == [3])
        #expect(Self.found(tree, containing: point(0.5, 0.5)) == [4])
    }

    @Test("many identical boxes are all found", arguments: [16, 17, 256, 257, 1000])
    func identicalBoxes(_ count: Int) {
        let box = BoundingBox(minLongitude: 1, minLatitude: 1, maxLongitude: 2, maxLatitude: 2)
        let tree = RTree(entries: (0..<count).map { (box, Int32($0)) })
        #expect(Self.found(tree, containing: point(1.5, 1.5)) == (0..<count).map { Int32($0) })
        #expect(Self.found(tree, containing: point(2.5, 1.5)).isEmpty)
    }

    @Test("a world query returns every entry exactly once", arguments: [1, 2, 15, 16, 17, 255, 256, 257, 4097])
    func everyEntryOnce(_ count: Int) {
        let entries: [Entry] = (0..<count).map { i in
            let lon = Double(i % 360) - 180, lat = Double(i / 360 % 180) - 90
            return (
                BoundingBox(minLongitude: lon, minLatitude: lat, maxLongitude: lon + 0.5, maxLatitude: lat + 0.5),
                Int32(i)
            )
        }
        let tree = RTree(entries: entries)
        #expect(tree.count == count)
        #expect(Self.found(tree, Self.world) == (0..<count).map { Int32($0) })
        // Each entry alone, by a point in its middle.
        for (box, value) in entries.prefix(40) {
            #expect(Self.found(tree, containing: box.center) == [value])
        }
    }

    @Test(
        "search finds exactly what a scan of every box finds",
        arguments: [0, 1, 15, 16, 17, 300, 2000], [false, true])
    func matchesBruteForce(_ size: Int, _ grid: Bool) async {
        let unit = Gen.double(in: 0...1)
        let boxes = zip(unit, unit, unit, unit).array(of: size)
        let queries = zip(unit, unit, unit, unit).array(of: 25)
        let repeats = Gen.int(in: 1...3)
        await propertyCheck(count: size >= 2000 ? 8 : 40, input: boxes, queries, repeats) { boxes, queries, repeats in
            // Some values come with several boxes, as shapes across the antimeridian do.
            let entries: [Entry] = boxes.enumerated().map { (Self.box($1, grid: grid), Int32($0 / repeats)) }
            let tree = RTree(entries: entries)
            #expect(tree.count == size)
            for q in queries {
                let query = Self.box(q, grid: grid)
                #expect(Self.found(tree, query) == Self.bruteForce(entries, query), "query \(query)")
                // A point query at a corner of some entry, where boundaries decide.
                guard !entries.isEmpty else { continue }
                let corner = entries[min(entries.count - 1, Int(q.0 * Double(entries.count)))].box
                let p = point(q.1 < 0.5 ? corner.minLatitude : corner.maxLatitude, corner.maxLongitude)
                #expect(
                    Self.found(tree, containing: p) == Self.bruteForce(entries, BoundingBox(point: p)), "point \(p)")
            }
        }
    }
}
