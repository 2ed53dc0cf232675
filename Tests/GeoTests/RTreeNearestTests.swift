import Foundation
import Geo
import PropertyBased
import Testing

@Suite("RTree nearest search and box distance bounds")
struct RTreeNearestTests {
    @Test("an empty tree has no nearest entry")
    func empty() {
        #expect(RTree(entries: []).nearest(to: point(0, 0)) { _ in 1 } == nil)
    }

    @Test("entries beyond the limit, or skipped with nil, are not found")
    func limitAndSkip() throws {
        let boxes = [point(52.5, 13.4), point(52.51, 13.4), point(52.6, 13.4)].map { BoundingBox(point: $0) }
        let tree = RTree(entries: boxes.enumerated().map { ($1, Int32($0)) })
        let origin = point(52.5, 13.4)
        let measure = { (value: Int32) -> Double? in Geodesic.distance(origin, boxes[Int(value)].center) }
        let nearest = try #require(tree.nearest(to: origin, distance: measure))
        #expect(nearest.value == 0 && nearest.metres == 0)
        let skipping = try #require(tree.nearest(to: origin) { $0 == 0 ? nil : measure($0) })
        #expect(skipping.value == 1)
        #expect(isClose(skipping.metres, 1_112, within: 1))
        #expect(tree.nearest(to: origin, limit: 1_000) { $0 == 0 ? nil : measure($0) } == nil)
        #expect(tree.nearest(to: origin, limit: 1_200) { $0 == 0 ? nil : measure($0) }?.value == 1)
    }

    @Test("nearest finds what a scan of every entry finds")
    func matchesBruteForce() async {
        let unit = Gen.double(in: 0...1)
        let entries = zip(unit, unit, unit).array(of: 0...400)
        let centres = zip(Gen.double(in: -80...80), Gen.double(in: -179...179))
        let probes = zip(unit, unit, unit).array(of: 10)
        await propertyCheck(count: 100, input: centres, entries, probes) { centre, entries, probes in
            // Small boxes within about 20 km of the centre.
            let scale = WGS84.metresPerDegree(atLatitude: centre.0)
            let boxes = entries.map { e -> BoundingBox in
                let south = centre.0 + (e.0 - 0.5) * 40_000 / scale.north
                let west = centre.1 + (e.1 - 0.5) * 40_000 / scale.east
                let size = e.2 * 500
                return BoundingBox(
                    minLongitude: west, minLatitude: south, maxLongitude: west + size / scale.east,
                    maxLatitude: south + size / scale.north)
            }
            let tree = RTree(entries: boxes.enumerated().map { ($1, Int32($0)) })
            for probe in probes {
                let p = point(
                    centre.0 + (probe.0 - 0.5) * 50_000 / scale.north, centre.1 + (probe.1 - 0.5) * 50_000 / scale.east)
                // The distance to a box's centre: never less than the distance to the box.
                let measure = { (value: Int32) -> Double? in Geodesic.distance(p, boxes[Int(value)].center) }
                let limit = probe.2 < 0.3 ? Double.infinity : probe.2 * 20_000
                let expected = boxes.indices.map { measure(Int32($0))! }.filter { $0 <= limit }.min()
                let found = tree.nearest(to: p, limit: limit, distance: measure)
                #expect(found?.metres == expected, "from \(p), limit \(limit)")
                if let found { #expect(measure(found.value) == found.metres) }
            }
        }
    }

    @Test("minimum distance is zero inside and on the box")
    func zeroInside() {
        let box = BoundingBox(minLongitude: 13.4, minLatitude: 52.5, maxLongitude: 13.415, maxLatitude: 52.509)
        for p in [point(52.505, 13.41), point(52.5, 13.4), point(52.509, 13.415), point(52.5, 13.41)] {
            #expect(box.minimumDistance(to: p) == 0)
            #expect(box.minimumDistance(to: p, scale: WGS84.metresPerDegree(atLatitude: p.latitude)) == 0)
        }
        #expect(box.minimumDistance(to: point(52.5, 13.3)) > 0)
    }

    @Test("minimum distance takes the short way across the antimeridian")
    func acrossTheAntimeridian() {
        let box = BoundingBox(minLongitude: 179.9, minLatitude: 10, maxLongitude: 180, maxLatitude: 10.1)
        let p = point(10.05, -179.95)
        let bound = box.minimumDistance(to: p)
        #expect(bound > 0)
        #expect(bound <= Geodesic.distance(p, point(10.05, 180)))
        #expect(bound > 0.9 * Geodesic.distance(p, point(10.05, 180)))
    }

    @Test("minimum distance never exceeds the distance to a point in the box, up to 100 km at latitudes -85...85")
    func lowerBound() async {
        let unit = Gen.double(in: 0...1)
        await propertyCheck(
            count: 1_000, input: Gen.double(in: -85...85), Gen.double(in: -180...180), zip(unit, unit, unit, unit),
            zip(unit, unit)
        ) { latitude, longitude, shape, probe in
            let scale = WGS84.metresPerDegree(atLatitude: latitude)
            let south = latitude, west = longitude
            let north = min(90, south + shape.0 * 5_000 / scale.north)
            let east = min(180, west + shape.1 * 5_000 / scale.east)
            let box = BoundingBox(minLongitude: west, minLatitude: south, maxLongitude: east, maxLatitude: north)
            let p = point(
                max(-90, min(90, latitude + (shape.2 - 0.5) * 200_000 / scale.north)),
                wrapLongitude(longitude + (shape.3 - 0.5) * 200_000 / scale.east))
            let bound = box.minimumDistance(to: p)
            let inside = point(south + probe.0 * (north - south), west + probe.1 * (east - west))
            let corners = [point(south, west), point(south, east), point(north, west), point(north, east)]
            for q in corners + [inside, box.center] {
                #expect(bound <= Geodesic.distance(p, q), "box \(box), from \(p) to \(q)")
            }
        }
    }

    @Test("minimum distance is a lower bound over the pole")
    func lowerBoundOverThePole() {
        // GeographicLib: 22338.795682520195 m between the two points, straight over the pole.
        let box = BoundingBox(point: point(89.9, 0))
        let p = point(89.9, 180)
        #expect(isClose(Geodesic.distance(p, box.center), 22_338.796, within: 0.01))
        #expect(box.minimumDistance(to: p) <= Geodesic.distance(p, box.center))
    }
}
