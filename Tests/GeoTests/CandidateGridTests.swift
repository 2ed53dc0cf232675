import AirspaceFixtures
import Foundation
import Geo
import Testing

/// The grid may list more than it must, never less: every entry whose box lies within its reach of a point
/// is visited, checked against a scan of all entries on random boxes and points, near the poles and the
/// antimeridian too (where the grid must decline rather than miss).
@Suite("Candidate grid")
struct CandidateGridTests {
    typealias Entry = (box: BoundingBox, value: Int32, reach: Double)

    /// Metres from a point to a box, measured on the ellipsoid to the box's nearest point.
    static func metres(from p: GeoPoint, to box: BoundingBox) -> Double {
        let nearest = GeoPoint(
            latitude: min(max(p.latitude, box.minLatitude), box.maxLatitude),
            longitude: min(max(p.longitude, box.minLongitude), box.maxLongitude))
        return Geodesic.vincentyDistance(p, nearest)
    }

    /// Random boxes of 10 m to 3 km and reaches of 0 to 500 m around `centre`, a few of them city-sized.
    static func entries(around centre: GeoPoint, count: Int, using rng: inout SplitMix64) -> [Entry] {
        let scale = WGS84.metresPerDegree(atLatitude: centre.latitude)
        return (0..<count).map { i in
            let large = i % 50 == 0
            let width = Double.random(in: 10...(large ? 30_000 : 3_000), using: &rng) / scale.east
            let height = Double.random(in: 10...(large ? 30_000 : 3_000), using: &rng) / scale.north
            let west = centre.longitude + Double.random(in: -0.2...0.2, using: &rng)
            let south = centre.latitude + Double.random(in: -0.1...0.1, using: &rng)
            let box = BoundingBox(
                minLongitude: west, minLatitude: south, maxLongitude: west + width, maxLatitude: south + height)
            return (box, Int32(i), Double.random(in: 0...500, using: &rng))
        }
    }

    static func visited(_ grid: CandidateGrid, _ p: GeoPoint) -> Set<Int32>? {
        var found = Set<Int32>()
        return grid.search(around: p) { found.insert($0) } ? found : nil
    }

    @Test(
        "every entry within its reach is visited",
        arguments: [
            GeoPoint(latitude: 52.5163, longitude: 13.3777), GeoPoint(latitude: -33.86, longitude: 151.2),
            GeoPoint(latitude: 0.01, longitude: -0.01), GeoPoint(latitude: 78.95, longitude: 15.6),
        ])
    func noneMissed(centre: GeoPoint) {
        var rng = SplitMix64(seed: 0xF10_6A7E)
        let entries = Self.entries(around: centre, count: 600, using: &rng)
        let grid = CandidateGrid(entries: entries, cellMetres: 100)
        var missed: [String] = []
        var declined = 0
        for _ in 0..<4_000 {
            let p = GeoPoint(
                latitude: centre.latitude + Double.random(in: -0.12...0.12, using: &rng),
                longitude: centre.longitude + Double.random(in: -0.25...0.25, using: &rng))
            guard let found = Self.visited(grid, p) else {
                declined += 1
                continue
            }
            for entry in entries where Self.metres(from: p, to: entry.box) <= entry.reach {
                if !found.contains(entry.value) { missed.append("entry \(entry.value) at \(p)") }
            }
        }
        #expect(missed.isEmpty, "\(missed.prefix(5))")
        // Only the Svalbard centre reaches the latitudes where the grid declines.
        #expect(centre.latitude > 78 ? declined > 0 : declined == 0)
    }

    @Test("lists few entries where few can matter")
    func listsAreShort() {
        var rng = SplitMix64(seed: 0xF10_6A7E)
        let centre = GeoPoint(latitude: 52.5163, longitude: 13.3777)
        let entries = Self.entries(around: centre, count: 2_000, using: &rng)
        let grid = CandidateGrid(entries: entries, cellMetres: 100)
        var listed = 0, needed = 0
        for _ in 0..<2_000 {
            let p = GeoPoint(
                latitude: centre.latitude + Double.random(in: -0.1...0.1, using: &rng),
                longitude: centre.longitude + Double.random(in: -0.2...0.2, using: &rng))
            listed += Self.visited(grid, p)?.count ?? 0
            needed += entries.filter { Self.metres(from: p, to: $0.box) <= $0.reach }.count
        }
        // A cell of 100 m adds little beyond what each entry's own reach covers.
        #expect(listed >= needed)
        #expect(Double(listed) <= Double(needed) * 1.5 + 2_000, "listed \(listed), needed \(needed)")
    }

    @Test("declines near the antimeridian when a box across it could reach the point")
    func antimeridian() {
        let box = BoundingBox(minLongitude: -179.999, minLatitude: 10, maxLongitude: -179.99, maxLatitude: 10.01)
        let grid = CandidateGrid(entries: [(box, 7, 2_000)], cellMetres: 100)
        // 1.1 km west of the box, across ±180°: within its reach, but not in any cell the grid filed it in.
        #expect(Self.visited(grid, GeoPoint(latitude: 10.005, longitude: 179.9995)) == nil)
        // Farther from ±180° than any box's reach, the grid answers again.
        #expect(Self.visited(grid, GeoPoint(latitude: 10.005, longitude: -179.9)) == [])
    }

    /// A hostile or careless bundle of many large zones must not make the grid huge: past a budget of filed
    /// cells, the largest entries go to the overflow tree, and every entry is still found.
    @Test("many large boxes stay within the filing budget and are all still found")
    func filingBudget() {
        var rng = SplitMix64(seed: 7)
        let centre = GeoPoint(latitude: 47.0, longitude: 8.0)
        // 3,000 boxes of about 5 km: filed everywhere they reach, they would take about 8 million cells.
        let entries: [Entry] = (0..<3_000).map { i in
            let west = centre.longitude + Double.random(in: -1...1, using: &rng)
            let south = centre.latitude + Double.random(in: -0.6...0.6, using: &rng)
            let box = BoundingBox(
                minLongitude: west, minLatitude: south, maxLongitude: west + 0.06, maxLatitude: south + 0.045)
            return (box, Int32(i), 100)
        }
        let grid = CandidateGrid(entries: entries, cellMetres: 100, filingBudget: 200_000)
        #expect(grid.filedCount <= 200_000)
        for _ in 0..<300 {
            let p = GeoPoint(
                latitude: centre.latitude + Double.random(in: -0.6...0.6, using: &rng),
                longitude: centre.longitude + Double.random(in: -1...1, using: &rng))
            let found = Self.visited(grid, p) ?? []
            for entry in entries where Self.metres(from: p, to: entry.box) <= entry.reach {
                #expect(found.contains(entry.value), "entry \(entry.value) at \(p)")
            }
        }
    }

    @Test("an empty grid visits nothing and still answers")
    func empty() {
        let grid = CandidateGrid(entries: [], cellMetres: 100)
        #expect(Self.visited(grid, GeoPoint(latitude: 1, longitude: 1)) == [])
    }
}
