import Foundation
import Geo
import PropertyBased
import Testing

/// `Polygon.contains` against an independent winding-number test on random star-shaped, hence simple, polygons.
@Suite("Point in polygon, property-based")
struct PolygonPropertyTests {
    /// Points closer than this to any edge are left out: there the boundary tolerance, not geometry, decides.
    static let margin = 0.01

    @Test("contains and locate agree with the winding number on random star-shaped polygons, with and without holes")
    func matchesWindingNumber() async {
        let centres = zip(Gen.double(in: -80...80), Gen.double(in: -179...179))
        // Log-uniform from 10 m to 20 km.
        let radii = Gen.double(in: 1...log10(20_000)).map { pow(10, $0) }
        // Per corner: where in its angular slot it sits, and how far out.
        let corners = zip(Gen.double(in: 0..<0.8), Gen.double(in: 0.25...1)).array(of: 3...64)
        let probes = zip(Gen.double(in: -1.3...1.3), Gen.double(in: -1.3...1.3)).array(of: 60)
        let options = zip(Gen.bool, Gen.bool)
        await propertyCheck(count: 1_000, input: centres, radii, corners, probes, options) {
            centre, radius, corners, probes, options in
            let (withHole, reversed) = options
            let star = StarPolygon(centre: centre, radius: radius, corners: corners)
            var outer = star.ring(scale: 1)
            if reversed { outer.reverse() }
            // A copy shrunk towards the centre stays inside: the polygon is star-shaped about its centre.
            let hole = withHole && corners.count >= 4 ? star.ring(scale: 0.2) : nil
            let rings = [outer] + (hole.map { [$0] } ?? [])
            let polygon: Polygon
            do throws(GeometryIssues) {
                polygon = try Polygon(rings: rings)
            } catch {
                Issue.record("a simple star polygon was refused: \(error.issues); corners \(star.plane)")
                return
            }
            // Random points, plus points 5 cm either side of every edge's midpoint, where mistakes would show.
            var planeProbes = probes.map { (x: $0.0 * radius, y: $0.1 * radius) }
            for i in star.plane.indices {
                let a = star.plane[i], b = star.plane[(i + 1) % star.plane.count]
                let length = hypot(b.x - a.x, b.y - a.y)
                let normal = (x: (b.y - a.y) / length, y: -(b.x - a.x) / length)
                let middle = (x: (a.x + b.x) / 2, y: (a.y + b.y) / 2)
                planeProbes.append((x: middle.x + 0.05 * normal.x, y: middle.y + 0.05 * normal.y))
                planeProbes.append((x: middle.x - 0.05 * normal.x, y: middle.y - 0.05 * normal.y))
            }
            var checked = 0
            for plane in planeProbes {
                let scaledHole = hole == nil ? [] : star.plane.map { (x: $0.x * 0.2, y: $0.y * 0.2) }
                let clearance = min(
                    distanceToBoundary(plane, star.plane),
                    scaledHole.isEmpty ? .infinity : distanceToBoundary(plane, scaledHole))
                guard clearance > Self.margin else { continue }
                checked += 1
                let p = star.geo(plane)
                var expected = windingNumber(p, outer) != 0
                if let hole, windingNumber(p, hole) != 0 { expected = false }
                #expect(polygon.contains(p) == expected, "\(p), \(clearance) m from the boundary, polygon \(outer)")
                let location = polygon.locate(p)
                #expect(location.isInside == expected, "locate at \(p)")
                // The star's plane is not the polygon's frame: allow for the scale changing across the polygon.
                #expect(
                    isClose(location.distanceToBoundary, clearance, within: 0.03 * clearance + 0.001),
                    "\(p): locate says \(location.distanceToBoundary) m, the star's plane \(clearance) m")
            }
            #expect(checked > 0)
        }
    }

    @Test("the reference winding number itself: square, concave and reversed rings")
    func referenceWindingNumber() {
        let square = rectangle(south: 0, west: 0, north: 1, east: 1)
        #expect(windingNumber(point(0.5, 0.5), square) == 1)
        #expect(windingNumber(point(0.5, 0.5), square.reversed()) == -1)
        #expect(windingNumber(point(1.5, 0.5), square) == 0)
        #expect(windingNumber(point(0.5, -0.5), square) == 0)
        let u = ring([(0, 0), (0, 3), (3, 3), (3, 2), (1, 2), (1, 1), (3, 1), (3, 0)])
        #expect(windingNumber(point(2, 1.5), u) == 0)
        #expect(windingNumber(point(2, 0.5), u) != 0)
        #expect(windingNumber(point(0.5, 2), u) != 0)
    }

    /// Sunday's winding number of `ring` (closed or not) around `p`, in the longitude/latitude plane.
    func windingNumber(_ p: GeoPoint, _ ring: [GeoPoint]) -> Int {
        var winding = 0
        for i in ring.indices {
            let a = ring[i], b = ring[(i + 1) % ring.count]
            let side =
                (b.longitude - a.longitude) * (p.latitude - a.latitude)
                - (p.longitude - a.longitude) * (b.latitude - a.latitude)
            if a.latitude <= p.latitude {
                if b.latitude > p.latitude && side > 0 { winding += 1 }
            } else if b.latitude <= p.latitude && side < 0 {
                winding -= 1
            }
        }
        return winding
    }

    /// Shortest plane distance from `p` to the closed polygon through `corners`.
    func distanceToBoundary(_ p: (x: Double, y: Double), _ corners: [(x: Double, y: Double)]) -> Double {
        var best = Double.infinity
        for i in corners.indices {
            let a = corners[i], b = corners[(i + 1) % corners.count]
            let dx = b.x - a.x, dy = b.y - a.y
            let t = max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy)))
            best = min(best, hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy)))
        }
        return best
    }
}

/// A polygon whose corners are sorted by angle around a centre, laid out in metres east and north of it.
struct StarPolygon {
    let latitude: Double
    let longitude: Double
    let metresPerDegree: (north: Double, east: Double)
    /// Corners in metres east (`x`) and north (`y`) of the centre.
    let plane: [(x: Double, y: Double)]

    init(centre: (Double, Double), radius: Double, corners: [(Double, Double)]) {
        latitude = centre.0
        metresPerDegree = WGS84.metresPerDegree(atLatitude: centre.0)
        // Keep the polygon and its probes clear of the antimeridian.
        let reach = 1.5 * radius / metresPerDegree.east
        longitude = min(max(centre.1, -180 + reach), 180 - reach)
        let slot = 2 * Double.pi / Double(corners.count)
        plane = corners.enumerated().map { index, corner in
            let angle = (Double(index) + corner.0) * slot
            return (x: radius * corner.1 * cos(angle), y: radius * corner.1 * sin(angle))
        }
    }

    func geo(_ p: (x: Double, y: Double)) -> GeoPoint {
        point(latitude + p.y / metresPerDegree.north, longitude + p.x / metresPerDegree.east)
    }

    /// The closed ring, every corner pulled towards the centre by `scale`.
    func ring(scale: Double) -> [GeoPoint] {
        let corners = plane.map { geo((x: $0.x * scale, y: $0.y * scale)) }
        return corners + [corners[0]]
    }
}
