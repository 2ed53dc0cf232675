import Geo
import Testing

/// Holes that cross the outer ring or each other, and MultiPolygon parts that overlap.
@Suite("Polygon overlaps")
struct PolygonOverlapTests {
    /// A U opening north: arms at longitudes 13.40-13.41 and 13.42-13.43, the notch between them from 52.505 up.
    let u = ring([
        (52.5, 13.4), (52.5, 13.43), (52.52, 13.43), (52.52, 13.42), (52.505, 13.42), (52.505, 13.41),
        (52.52, 13.41), (52.52, 13.4),
    ])

    private func issues(_ rings: [[GeoPoint]], sourceLocation: SourceLocation = #_sourceLocation) -> [GeometryIssue] {
        do {
            _ = try Polygon(rings: rings)
            Issue.record("polygon was accepted", sourceLocation: sourceLocation)
            return []
        } catch {
            return error.issues
        }
    }

    @Test("a hole with every corner inside but an edge across the outer ring's notch")
    func holeBridgingANotch() {
        let bridge = rectangle(south: 52.51, west: 13.405, north: 52.515, east: 13.425)
        #expect(bridge.allSatisfy { (try? Polygon(rings: [u]))?.contains($0) == true })
        let found = issues([u, bridge])
        #expect(found.map(\.path) == ["coordinates[1]"])
        #expect(found.first?.problem.contains("cross the outer ring") == true)
    }

    @Test("holes whose edges cross each other")
    func crossingHoles() {
        let across = rectangle(south: 52.504, west: 13.402, north: 52.505, east: 13.413)
        let down = rectangle(south: 52.501, west: 13.407, north: 52.508, east: 13.408)
        let found = issues([Berlin.outer, across, down])
        #expect(found.map(\.path) == ["coordinates[2]"])
        #expect(found.first?.problem.contains("overlaps hole coordinates[1]") == true)
    }

    @Test("a hole inside another hole")
    func nestedHoles() {
        let inner = rectangle(south: 52.504, west: 13.406, north: 52.505, east: 13.407)
        let found = issues([Berlin.outer, Berlin.hole, inner])
        #expect(found.map(\.path) == ["coordinates[2]"])
        #expect(found.first?.problem.contains("overlaps hole coordinates[1]") == true)
    }

    @Test("the same hole given twice overlaps itself")
    func duplicateHole() {
        let found = issues([Berlin.outer, Berlin.hole, Berlin.hole])
        #expect(found.map(\.path) == ["coordinates[2]"])
        #expect(found.first?.problem.contains("overlaps hole coordinates[1]") == true)
    }

    @Test("holes that overlap along lines they share")
    func alignedOverlappingHoles() {
        // Two 2 x 2 squares (in thousandths of a degree) shifted by one along their shared bottom and top lines.
        let a = rectangle(south: 52.502, west: 13.402, north: 52.504, east: 13.404)
        let b = rectangle(south: 52.502, west: 13.403, north: 52.504, east: 13.405)
        let found = issues([Berlin.outer, a, b])
        #expect(found.map(\.path) == ["coordinates[2]"])
    }

    @Test("holes that only touch at a corner or along an edge are fine")
    func touchingHoles() throws {
        let a = rectangle(south: 52.502, west: 13.402, north: 52.504, east: 13.404)
        let corner = rectangle(south: 52.504, west: 13.404, north: 52.506, east: 13.406)
        let side = rectangle(south: 52.502, west: 13.404, north: 52.504, east: 13.406)
        let polygon = try Polygon(rings: [Berlin.outer, a, corner])
        #expect(!polygon.contains(point(52.503, 13.403)))
        #expect(!polygon.contains(point(52.505, 13.405)))
        #expect(polygon.contains(point(52.504, 13.404)))
        _ = try Polygon(rings: [Berlin.outer, a, side])
    }

    @Test("separate holes are fine")
    func separateHoles() throws {
        let a = rectangle(south: 52.501, west: 13.401, north: 52.502, east: 13.402)
        let b = rectangle(south: 52.507, west: 13.412, north: 52.508, east: 13.413)
        let polygon = try Polygon(rings: [Berlin.outer, a, b])
        #expect(polygon.holes.count == 2)
        #expect(!polygon.contains(point(52.5015, 13.4015)))
        #expect(!polygon.contains(point(52.5075, 13.4125)))
        #expect(polygon.contains(point(52.505, 13.405)))
    }

    @Test("MultiPolygon parts: crossing, nested and identical parts overlap")
    func partsOverlap() throws {
        let square = try Polygon(rings: [Berlin.outer])
        let crossing = try Polygon(rings: [rectangle(south: 52.505, west: 13.41, north: 52.52, east: 13.42)])
        let nested = try Polygon(rings: [rectangle(south: 52.503, west: 13.405, north: 52.506, east: 13.41)])
        let same = try Polygon(rings: [Berlin.outer])
        let shifted = try Polygon(rings: [rectangle(south: 52.5, west: 13.405, north: 52.509, east: 13.42)])
        for other in [crossing, nested, same, shifted] {
            let (forward, backward) = (square.overlaps(other), other.overlaps(square))
            #expect(forward, "square and \(other.outerRing)")
            #expect(backward, "\(other.outerRing) and square")
        }
    }

    @Test("MultiPolygon parts that are apart or only touch do not overlap")
    func partsApart() throws {
        let square = try Polygon(rings: [Berlin.outer])
        let apart = try Polygon(rings: [rectangle(south: 52.6, west: 13.4, north: 52.61, east: 13.41)])
        let alongEdge = try Polygon(rings: [rectangle(south: 52.5, west: 13.415, north: 52.509, east: 13.43)])
        let atCorner = try Polygon(rings: [rectangle(south: 52.509, west: 13.415, north: 52.52, east: 13.43)])
        for other in [apart, alongEdge, atCorner] {
            let (forward, backward) = (square.overlaps(other), other.overlaps(square))
            #expect(!forward, "square and \(other.outerRing)")
            #expect(!backward, "\(other.outerRing) and square")
        }
    }

    @Test("distanceToBoundary is the distance locate reports, for every kind of shape")
    func distanceToBoundary() throws {
        let square = try Polygon(rings: [Berlin.outer, Berlin.hole])
        let circle = try Circle(center: point(52.5, 13.4), radius: 300)
        let other = try Polygon(rings: [rectangle(south: 52.52, west: 13.4, north: 52.53, east: 13.41)])
        let shapes: [Shape] = [.polygon(square), .circle(circle), .multiPolygon([square, other])]
        let probes = [point(52.504, 13.407), point(52.5, 13.41), point(52.515, 13.405), point(52.4, 13.3)]
        for shape in shapes {
            for p in probes {
                #expect(shape.distanceToBoundary(p) == shape.locate(p).distanceToBoundary, "\(p)")
            }
        }
        #expect(square.distanceToBoundary(point(52.5, 13.41)) < 0.001)
        #expect(isClose(circle.distanceToBoundary(offset(point(52.5, 13.4), east: 100)), 200, within: 0.01))
    }
}
