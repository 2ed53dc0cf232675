import Geo
import Testing

@Suite("BoundingBox")
struct BoundingBoxTests {
    let box = BoundingBox(minLongitude: 13.0, minLatitude: 52.0, maxLongitude: 14.0, maxLatitude: 53.0)

    @Test("the box around points is the smallest holding them all")
    func fromPoints() throws {
        #expect(BoundingBox(points: [GeoPoint]()) == nil)
        let single = try #require(BoundingBox(points: [point(1, 2)]))
        #expect(single == BoundingBox(point: point(1, 2)))
        #expect(single == BoundingBox(minLongitude: 2, minLatitude: 1, maxLongitude: 2, maxLatitude: 1))
        let many = try #require(BoundingBox(points: [point(5, -3), point(-2, 7), point(1, 1), point(4, -8)]))
        #expect(many == BoundingBox(minLongitude: -8, minLatitude: -2, maxLongitude: 7, maxLatitude: 5))
    }

    @Test("contains is inclusive on every edge and corner")
    func contains() {
        #expect(box.contains(point(52.5, 13.5)))
        for corner in [point(52, 13), point(52, 14), point(53, 13), point(53, 14)] {
            #expect(box.contains(corner), "corner \(corner)")
        }
        #expect(box.contains(point(52, 13.5)))
        #expect(box.contains(point(52.5, 14)))
        #expect(!box.contains(point(51.999_999, 13.5)))
        #expect(!box.contains(point(52.5, 14.000_001)))
        #expect(!box.contains(point(53.1, 13.5)))
        #expect(!box.contains(point(52.5, 12.9)))
    }

    @Test("boxes that only touch intersect; separate ones do not")
    func intersects() {
        let touchingEast = BoundingBox(minLongitude: 14, minLatitude: 52.5, maxLongitude: 15, maxLatitude: 60)
        let touchingCorner = BoundingBox(minLongitude: 14, minLatitude: 53, maxLongitude: 15, maxLatitude: 54)
        let inside = BoundingBox(minLongitude: 13.2, minLatitude: 52.2, maxLongitude: 13.3, maxLatitude: 52.3)
        let apart = BoundingBox(minLongitude: 14.01, minLatitude: 52, maxLongitude: 15, maxLatitude: 53)
        let crossing = BoundingBox(minLongitude: 13.5, minLatitude: 51, maxLongitude: 13.6, maxLatitude: 54)
        for other in [touchingEast, touchingCorner, inside, crossing, box] {
            #expect(box.intersects(other), "\(other)")
            #expect(other.intersects(box), "\(other)")
        }
        #expect(!box.intersects(apart))
        #expect(!apart.intersects(box))
        let south = BoundingBox(minLongitude: 13, minLatitude: 40, maxLongitude: 14, maxLatitude: 51.99)
        #expect(!box.intersects(south))
    }

    @Test("union and centre")
    func unionAndCenter() {
        let other = BoundingBox(minLongitude: -1, minLatitude: 60, maxLongitude: 0, maxLatitude: 61)
        #expect(box.union(other) == BoundingBox(minLongitude: -1, minLatitude: 52, maxLongitude: 14, maxLatitude: 61))
        #expect(box.union(other) == other.union(box))
        #expect(box.center == point(52.5, 13.5))
    }

    @Test("expanding by nothing or by a negative distance keeps the box")
    func noExpansion() {
        #expect(box.expanded(byMetres: 0) == [box])
        #expect(box.expanded(byMetres: -5) == [box])
    }

    @Test("an expanded box holds every point within the distance of the original")
    func expandedCoversNeighbourhood() throws {
        let small = BoundingBox(minLongitude: 13.4, minLatitude: 52.5, maxLongitude: 13.41, maxLatitude: 52.51)
        let grown = small.expanded(byMetres: 1_000)
        #expect(grown.count == 1)
        let g = try #require(grown.first)
        #expect(g.minLongitude < 13.4 && g.maxLongitude > 13.41 && g.minLatitude < 52.5 && g.maxLatitude > 52.51)
        let corners = [point(52.5, 13.4), point(52.5, 13.41), point(52.51, 13.4), point(52.51, 13.41)]
        for corner in corners {
            for (north, east) in [(999.0, 0.0), (-999.0, 0.0), (0.0, 999.0), (0.0, -999.0), (700.0, -700.0)] {
                let p = offset(corner, north: north, east: east)
                #expect(g.contains(p), "\(p), \(Geodesic.distance(corner, p)) m from \(corner)")
            }
        }
        // ...but not grossly more: 1 km is under 0.015 degrees of latitude or longitude here.
        #expect(g.maxLatitude - 52.51 < 0.015 && 13.4 - g.minLongitude < 0.03)
    }

    @Test("expanding past the antimeridian eastwards splits the box in two")
    func splitsEast() throws {
        let nearEdge = BoundingBox(minLongitude: 179.99, minLatitude: 10, maxLongitude: 179.999, maxLatitude: 10.01)
        let boxes = nearEdge.expanded(byMetres: 1_000)
        #expect(boxes.count == 2)
        let west = try #require(boxes.first { $0.maxLongitude == 180 })
        let east = try #require(boxes.first { $0.minLongitude == -180 })
        #expect(west.minLongitude < 179.99)
        #expect(east.maxLongitude > -180 && east.maxLongitude < -179.98)
        // 500 m east of the box is across the line.
        let across = offset(point(10.005, 179.999), east: 500)
        let wrapped = point(across.latitude, across.longitude - 360)
        #expect(across.longitude > 180)
        #expect(boxes.contains { $0.contains(wrapped) })
        assertWithinWorld(boxes)
    }

    @Test("expanding past the antimeridian westwards splits the box in two")
    func splitsWest() throws {
        let nearEdge = BoundingBox(minLongitude: -179.999, minLatitude: -40, maxLongitude: -179.9, maxLatitude: -39.9)
        let boxes = nearEdge.expanded(byMetres: 2_000)
        #expect(boxes.count == 2)
        let east = try #require(boxes.first { $0.minLongitude == -180 })
        let west = try #require(boxes.first { $0.maxLongitude == 180 })
        #expect(east.maxLongitude > -179.9)
        #expect(west.minLongitude > 179.97 && west.minLongitude < 180)
        #expect(boxes.contains { $0.contains(point(-39.95, 179.995)) })
        assertWithinWorld(boxes)
    }

    @Test("expanding to a pole covers every longitude")
    func reachesPole() throws {
        let polar = BoundingBox(minLongitude: 10, minLatitude: 89.99, maxLongitude: 11, maxLatitude: 89.995)
        let boxes = polar.expanded(byMetres: 1_000)
        let only = try #require(boxes.first)
        #expect(boxes.count == 1)
        #expect(only.minLongitude == -180 && only.maxLongitude == 180 && only.maxLatitude == 90)
        #expect(only.contains(point(89.995, -170)))
        let southern = BoundingBox(minLongitude: 0, minLatitude: -89.999, maxLongitude: 1, maxLatitude: -89.99)
        let south = try #require(southern.expanded(byMetres: 500).first)
        #expect(south.minLatitude == -90 && south.minLongitude == -180 && south.maxLongitude == 180)
    }

    @Test("at high latitude the expanded box still holds a point within the distance")
    func expandedCoversHighLatitudeNeighbourhood() {
        let boxes = BoundingBox(point: point(85, 0)).expanded(byMetres: 400_000)
        // GeographicLib: 394662.03318259155 m from (85, 0); the way there curves towards the pole.
        let p = point(86.5, 45)
        #expect(isClose(Geodesic.distance(point(85, 0), p), 394_662.033, within: 1))
        #expect(boxes.contains { $0.contains(p) }, "\(p) is in none of \(boxes)")
    }

    @Test("expanded boxes never leave the world and never wrap")
    func expandedStayInRange() {
        let boxes = [
            BoundingBox(minLongitude: -180, minLatitude: -90, maxLongitude: 180, maxLatitude: 90),
            BoundingBox(minLongitude: 179, minLatitude: 0, maxLongitude: 180, maxLatitude: 1),
            BoundingBox(minLongitude: -180, minLatitude: 70, maxLongitude: -179, maxLatitude: 80),
            BoundingBox(minLongitude: -10, minLatitude: -89, maxLongitude: 10, maxLatitude: -88),
        ]
        for b in boxes {
            for metres in [0.01, 1.0, 1_000.0, 100_000.0, 1_000_000.0] {
                assertWithinWorld(b.expanded(byMetres: metres))
            }
        }
    }

    private func assertWithinWorld(_ boxes: [BoundingBox], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!boxes.isEmpty, sourceLocation: sourceLocation)
        for b in boxes {
            #expect(b.minLongitude >= -180 && b.maxLongitude <= 180, "\(b)", sourceLocation: sourceLocation)
            #expect(b.minLatitude >= -90 && b.maxLatitude <= 90, "\(b)", sourceLocation: sourceLocation)
            #expect(
                b.minLongitude <= b.maxLongitude && b.minLatitude <= b.maxLatitude, "\(b)",
                sourceLocation: sourceLocation)
        }
    }
}
