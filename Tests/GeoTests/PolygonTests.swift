import Foundation
import Geo
import Testing

/// A square of about 1 km by 1 km in Berlin, with a hole of about 340 m by 330 m in the middle.
enum Berlin {
    static let south = 52.5, north = 52.509, west = 13.4, east = 13.415
    static let outer = rectangle(south: south, west: west, north: north, east: east)
    static let hole = rectangle(south: 52.503, west: 13.405, north: 52.506, east: 13.41)
    static let midLatitude = (south + north) / 2
    static let midLongitude = (west + east) / 2
}

@Suite("Polygon containment and distances")
struct PolygonTests {
    let square = try! Polygon(rings: [Berlin.outer])
    let withHole = try! Polygon(rings: [Berlin.outer, Berlin.hole])

    @Test("the ring as given comes back without the closing repeat")
    func accessors() {
        #expect(square.outerRing == Array(Berlin.outer.dropLast()))
        #expect(square.holes.isEmpty)
        #expect(withHole.holes == [Array(Berlin.hole.dropLast())])
        #expect(
            square.boundingBox
                == BoundingBox(minLongitude: 13.4, minLatitude: 52.5, maxLongitude: 13.415, maxLatitude: 52.509))
    }

    @Test("inside and outside a square")
    func insideOutside() {
        #expect(square.contains(point(Berlin.midLatitude, Berlin.midLongitude)))
        #expect(square.contains(point(52.5001, 13.4001)))
        #expect(square.contains(point(52.5089, 13.4149)))
        #expect(!square.contains(point(52.4999, 13.41)))
        #expect(!square.contains(point(52.5091, 13.41)))
        #expect(!square.contains(point(52.505, 13.3999)))
        #expect(!square.contains(point(52.505, 13.4151)))
        #expect(!square.contains(point(0, 0)))
        #expect(!square.contains(point(-52.505, -13.41)))
    }

    @Test("points on an edge or a vertex count as inside")
    func boundaryIsInside() {
        let onEdges = [
            point(52.5, 13.41), point(52.509, 13.41), point(52.505, 13.4), point(52.505, 13.415),
        ]
        let vertices = Array(Berlin.outer.dropLast())
        for p in onEdges + vertices {
            #expect(square.contains(p), "\(p)")
            let location = square.locate(p)
            #expect(location.isInside, "\(p)")
            #expect(location.distanceToBoundary < 0.001, "\(p): \(location.distanceToBoundary) m")
        }
    }

    @Test("the boundary tolerance is 1 mm: 0.5 mm outside is inside, 2 mm outside is not")
    func boundaryTolerance() {
        let onEast = point(Berlin.midLatitude, Berlin.east)
        let onNorth = point(Berlin.north, Berlin.midLongitude)
        #expect(square.contains(offset(onEast, east: 0.0005)))
        #expect(!square.contains(offset(onEast, east: 0.002)))
        #expect(square.contains(offset(onNorth, north: 0.0005)))
        #expect(!square.contains(offset(onNorth, north: 0.002)))
        let corner = point(Berlin.south, Berlin.west)
        #expect(square.contains(offset(corner, north: -0.0004, east: -0.0004)))
        #expect(!square.contains(offset(corner, north: -0.0015, east: -0.0015)))
        #expect(square.locate(offset(onEast, east: 0.0005)).isInside)
        #expect(!square.locate(offset(onEast, east: 0.002)).isInside)
    }

    @Test("a hole is outside, its edge and corners inside")
    func holes() {
        let holeCentre = point(52.5045, 13.4075)
        #expect(square.contains(holeCentre))
        #expect(!withHole.contains(holeCentre))
        #expect(!withHole.contains(point(52.5031, 13.4051)))
        for p in [point(52.503, 13.4075), point(52.506, 13.408), point(52.504, 13.405), point(52.505, 13.41)] {
            #expect(withHole.contains(p), "hole edge \(p)")
        }
        for p in Berlin.hole.dropLast() {
            #expect(withHole.contains(p), "hole corner \(p)")
        }
        let onHoleEdge = point(52.503, 13.4075)
        #expect(withHole.contains(offset(onHoleEdge, north: 0.0005)))
        #expect(!withHole.contains(offset(onHoleEdge, north: 0.002)))
        #expect(withHole.contains(point(52.501, 13.402)))
        #expect(withHole.contains(point(52.508, 13.414)))
        #expect(!withHole.contains(point(52.51, 13.41)))
    }

    @Test("inside a hole, the distance is to the hole's nearest edge")
    func locateInHole() {
        let p = offset(point(52.5045, 13.405), east: 40)
        let location = withHole.locate(p)
        #expect(!location.isInside)
        let expected = Geodesic.distance(p, point(p.latitude, 13.405))
        #expect(isClose(expected, 40, within: 0.01))
        #expect(isClose(location.distanceToBoundary, expected, within: 0.001 * expected))
    }

    @Test("locate measures metres to the nearest edge from either side")
    func locateDistances() {
        let eastEdge = point(Berlin.midLatitude, Berlin.east)
        let cases: [(GeoPoint, GeoPoint, Bool)] = [
            (offset(eastEdge, east: 50), eastEdge, false),
            (offset(point(Berlin.north, 13.41), north: 50), point(Berlin.north, 13.41), false),
            (offset(point(Berlin.south, 13.405), north: -250), point(Berlin.south, 13.405), false),
            (offset(point(52.504, Berlin.west), east: 30), point(52.504, Berlin.west), true),
            (offset(point(Berlin.north, 13.407), north: -12.5), point(Berlin.north, 13.407), true),
        ]
        for (p, nearest, inside) in cases {
            let expected = Geodesic.distance(p, nearest)
            let location = square.locate(p)
            #expect(location.isInside == inside, "\(p)")
            #expect(
                isClose(location.distanceToBoundary, expected, within: 0.001 * expected),
                "\(p): \(location.distanceToBoundary) m, expected \(expected) m")
        }
        let fifty = square.locate(offset(eastEdge, east: 50)).distanceToBoundary
        #expect(isClose(fifty, 50, within: 0.05))
    }

    @Test("beyond a corner the nearest boundary point is the corner")
    func locateBeyondCorner() {
        let corner = point(Berlin.north, Berlin.east)
        let p = offset(corner, north: 30, east: 40)
        let location = square.locate(p)
        #expect(!location.isInside)
        let expected = Geodesic.distance(p, corner)
        #expect(isClose(expected, 50, within: 0.01))
        #expect(isClose(location.distanceToBoundary, expected, within: 0.001 * expected))
    }

    @Test("distance to a slanted edge matches a geodesic search along the edge")
    func locateSlantedEdge() throws {
        let corners = ring([(52.5, 13.4), (52.5, 13.43), (52.52, 13.4)])
        let triangle = try Polygon(rings: [corners])
        for p in [point(52.515, 13.42), point(52.52, 13.43), point(52.511, 13.411), point(52.505, 13.41)] {
            let expected = (0..<3).map { nearestGeodesicDistance(from: p, toSegment: corners[$0], corners[$0 + 1]) }
                .min()!
            let location = triangle.locate(p)
            #expect(
                isClose(location.distanceToBoundary, expected, within: 0.001 * expected + 0.001),
                "\(p): \(location.distanceToBoundary) m, search says \(expected) m")
        }
        #expect(!triangle.locate(point(52.515, 13.42)).isInside)
        #expect(triangle.locate(point(52.505, 13.41)).isInside)
    }

    @Test("a concave polygon leaves its notch outside")
    func concave() throws {
        // A U opening north: two arms joined along the south.
        let u = try Polygon(
            rings: [
                ring([
                    (52.5, 13.4), (52.5, 13.43), (52.52, 13.43), (52.52, 13.42), (52.505, 13.42),
                    (52.505, 13.41), (52.52, 13.41), (52.52, 13.4),
                ])
            ])
        #expect(u.contains(point(52.515, 13.405)))
        #expect(u.contains(point(52.515, 13.425)))
        #expect(u.contains(point(52.502, 13.415)))
        #expect(!u.contains(point(52.515, 13.415)))
        #expect(!u.contains(point(52.5051, 13.415)))
        #expect(u.contains(point(52.505, 13.415)))
        #expect(u.contains(point(52.51, 13.41)))
        let notch = u.locate(point(52.515, 13.415))
        #expect(!notch.isInside)
        let expected = Geodesic.distance(point(52.515, 13.415), point(52.515, 13.41))
        #expect(isClose(notch.distanceToBoundary, expected, within: 0.001 * expected))
    }

    @Test("both winding orders give the same answers everywhere")
    func windingDoesNotMatter() throws {
        let reversed = try Polygon(rings: [Array(Berlin.outer.reversed()), Berlin.hole])
        let bothReversed = try Polygon(rings: [Array(Berlin.outer.reversed()), Array(Berlin.hole.reversed())])
        for i in 0...24 {
            for j in 0...24 {
                let p = point(52.4995 + Double(i) * 0.0004, 13.3995 + Double(j) * 0.000_667)
                let expected = withHole.locate(p)
                for other in [reversed, bothReversed] {
                    let location = other.locate(p)
                    #expect(other.contains(p) == withHole.contains(p), "\(p)")
                    #expect(location.isInside == expected.isInside, "\(p)")
                    #expect(isClose(location.distanceToBoundary, expected.distanceToBoundary, within: 1e-6), "\(p)")
                }
            }
        }
    }

    @Test("edges are straight in longitude and latitude, as RFC 7946 says, even on a large polygon")
    func largePolygon() throws {
        let big = try Polygon(rings: [rectangle(south: 0, west: 0, north: 10, east: 10)])
        #expect(big.contains(point(5, 5)))
        #expect(big.contains(point(0.0001, 5)))
        #expect(!big.contains(point(-0.0001, 5)))
        #expect(big.contains(point(9.9999, 9.9999)))
        #expect(!big.contains(point(10.0001, 5)))
        let south = big.locate(point(-0.009, 5))
        #expect(!south.isInside)
        #expect(isClose(south.distanceToBoundary, Geodesic.distance(point(-0.009, 5), point(0, 5)), within: 1))
    }

    @Test("a multipolygon is the union of its parts; locate takes the nearest boundary")
    func multiPolygon() throws {
        let west = try Polygon(rings: [rectangle(south: 52.5, west: 13.4, north: 52.51, east: 13.41)])
        let east = try Polygon(rings: [rectangle(south: 52.5, west: 13.42, north: 52.51, east: 13.43)])
        let shape = Shape.multiPolygon([west, east])
        #expect(shape.boundingBoxes == [west.boundingBox, east.boundingBox])
        #expect(shape.contains(point(52.505, 13.405)))
        #expect(shape.contains(point(52.505, 13.425)))
        #expect(shape.contains(point(52.505, 13.42)))
        #expect(!shape.contains(point(52.505, 13.415)))
        #expect(!shape.contains(point(52.52, 13.405)))
        let between = offset(point(52.505, 13.41), east: 100)
        let location = shape.locate(between)
        #expect(!location.isInside)
        #expect(isClose(location.distanceToBoundary, 100, within: 0.1))
        let inEast = shape.locate(point(52.505, 13.4201))
        #expect(inEast.isInside)
        #expect(inEast.distanceToBoundary == east.locate(point(52.505, 13.4201)).distanceToBoundary)
        #expect(!Shape.multiPolygon([]).contains(point(52.505, 13.405)))
        #expect(Shape.polygon(west).locate(between) == west.locate(between))
    }

    /// Minimum of ``Geodesic/distance`` over the straight longitude/latitude segment from `a` to `b`, by
    /// golden-section search: an answer that does not rely on any plane.
    private func nearestGeodesicDistance(from p: GeoPoint, toSegment a: GeoPoint, _ b: GeoPoint) -> Double {
        func at(_ t: Double) -> Double {
            Geodesic.distance(
                p, point(a.latitude + t * (b.latitude - a.latitude), a.longitude + t * (b.longitude - a.longitude)))
        }
        var low = 0.0, high = 1.0
        let ratio = (5.0.squareRoot() - 1) / 2
        for _ in 0..<100 {
            let m1 = high - ratio * (high - low), m2 = low + ratio * (high - low)
            if at(m1) < at(m2) { high = m2 } else { low = m1 }
        }
        return min(at((low + high) / 2), at(0), at(1))
    }
}
