import Airspace
import AirspaceFixtures
import Foundation
import Geo
import Testing

/// The outline table answers from its cells (a placement and a few candidate edges per cell) what the full
/// pass over every edge answers: exactly, to the last bit of the distance, at the places where a shortcut
/// would go wrong.
@Suite("Outline cells against the full pass over every edge")
struct OutlineCellTests {
    /// Points where cells could disagree with the full pass: anywhere around the shape, on every vertex, on
    /// its latitude and longitude, on edges and within a few tolerances either side of them.
    static func probes(_ polygon: Polygon, reach: Double, rng: inout SplitMix64) -> [GeoPoint] {
        let box = polygon.boundingBox
        let scale = WGS84.metresPerDegree(atLatitude: box.center.latitude)
        let dLat = reach / scale.north, dLon = reach / scale.east
        var points: [GeoPoint] = (0..<300).map { _ in
            GeoPoint(
                latitude: Double.random(in: (box.minLatitude - dLat)...(box.maxLatitude + dLat), using: &rng),
                longitude: Double.random(in: (box.minLongitude - dLon)...(box.maxLongitude + dLon), using: &rng))
        }
        let rings = [polygon.outerRing] + polygon.holes
        for ring in rings {
            for (k, vertex) in ring.enumerated() {
                points.append(vertex)
                points.append(
                    GeoPoint(
                        latitude: vertex.latitude,
                        longitude: Double.random(in: (box.minLongitude - dLon)...(box.maxLongitude + dLon), using: &rng)
                    ))
                points.append(
                    GeoPoint(
                        latitude: Double.random(in: (box.minLatitude - dLat)...(box.maxLatitude + dLat), using: &rng),
                        longitude: vertex.longitude))
                let next = ring[(k + 1) % ring.count]
                let t = Double.random(in: 0...1, using: &rng)
                let dx = (next.longitude - vertex.longitude) * scale.east
                let dy = (next.latitude - vertex.latitude) * scale.north
                let length = max((dx * dx + dy * dy).squareRoot(), 1e-9)
                for offset in [-0.0015, -0.001, -0.0005, 0, 0.0005, 0.001, 0.0015, 0.5, 3] {
                    points.append(
                        GeoPoint(
                            latitude: vertex.latitude + t * (next.latitude - vertex.latitude) + offset * dx / length
                                / scale.north,
                            longitude: vertex.longitude + t * (next.longitude - vertex.longitude) - offset * dy
                                / length / scale.east))
                }
            }
        }
        return points
    }

    /// Every probe of every polygon (or part) of `shapes`, with the index and shape it belongs to, in order.
    static func probes(of shapes: [Shape], reach: Double, seed: UInt64) -> [(index: Int, shape: Shape, point: GeoPoint)]
    {
        var rng = SplitMix64(seed: seed)
        var all: [(index: Int, shape: Shape, point: GeoPoint)] = []
        for (index, shape) in shapes.enumerated() {
            let polygons: [Polygon] =
                switch shape {
                case .polygon(let polygon): [polygon]
                case .multiPolygon(let parts): parts
                case .circle: []
                }
            for polygon in polygons {
                all += probes(polygon, reach: reach, rng: &rng).map { (index, shape, $0) }
            }
        }
        return all
    }

    static func compare(_ shapes: [Shape], reach: Double, seed: UInt64) -> (compared: Int, mismatches: [String]) {
        let table = OutlineTable(shapes: shapes, reaches: Array(repeating: reach, count: shapes.count))
        var compared = 0
        var mismatches: [String] = []
        for (index, shape, p) in probes(of: shapes, reach: reach, seed: seed) {
            compared += 1
            let expected = shape.locate(p), found = table.locate(index, p)
            if found != expected || table.contains(index, p) != shape.contains(p) {
                mismatches.append("zone \(index) at \(p): \(found) where the full pass gives \(expected)")
            }
        }
        return (compared, mismatches)
    }

    @Test("random zones, large and small, with their reach", arguments: [UInt64(1), 7, 42])
    func randomZones(seed: UInt64) throws {
        let site = SyntheticSite(zoneCount: 150, sideMetres: 8_000, seed: seed, radii: 30...2_000)
        let shapes = try site.bundle().zones.map(\.shape)
        let table = OutlineTable(shapes: shapes, reaches: Array(repeating: 100, count: shapes.count))
        // Not a comparison of two full passes: most polygons here have cells.
        #expect(table.cellCounts.parts > shapes.count / 2)
        let (compared, mismatches) = Self.compare(shapes, reach: 100, seed: seed)
        #expect(compared > 50_000)
        #expect(mismatches.count == 0, "first: \(mismatches.prefix(3))")
    }

    /// Cells name a part's edges by a 64-bit mask when its edges are numbered below 64, by a list otherwise:
    /// parts on either side of that line (a ring of 64 edges has 65 points; a hole adds a ring), each
    /// compared with the full pass.
    @Test("parts around 64 edges, with and without holes", arguments: [UInt64(5), 11])
    func maskedAndListed(seed: UInt64) throws {
        let centre = GeoPoint(latitude: 46.948, longitude: 7.4474)
        let scale = WGS84.metresPerDegree(atLatitude: centre.latitude)
        var rng = SplitMix64(seed: seed)
        func star(_ corners: Int, radius: Double, east: Double, reversed: Bool = false) -> [GeoPoint] {
            var ring = (0..<corners).map { k in
                let angle = 2 * Double.pi * (Double(k) + Double.random(in: 0.1...0.9, using: &rng)) / Double(corners)
                let r = radius * Double.random(in: 0.6...1, using: &rng)
                return GeoPoint(
                    latitude: centre.latitude + r * sin(angle) / scale.north,
                    longitude: centre.longitude + (east + r * cos(angle)) / scale.east)
            }
            if reversed { ring.reverse() }
            return ring + [ring[0]]
        }
        var shapes: [Shape] = []
        for (index, corners) in [12, 40, 63, 64, 65, 66, 90, 200].enumerated() {
            let east = Double(index) * 1_000
            shapes.append(.polygon(try Polygon(rings: [star(corners, radius: 400, east: east)])))
            // The same outline count split between an outer ring and a hole.
            shapes.append(
                .polygon(
                    try Polygon(rings: [
                        star(corners - 8, radius: 400, east: east + 500),
                        star(8, radius: 100, east: east + 500, reversed: true),
                    ])))
        }
        let table = OutlineTable(shapes: shapes, reaches: Array(repeating: 100, count: shapes.count))
        let counts = table.cellCounts
        #expect(counts.parts == shapes.count)
        #expect(counts.masked > 0 && counts.masked < counts.parts, "\(counts)")
        let (compared, mismatches) = Self.compare(shapes, reach: 100, seed: seed)
        #expect(compared > 10_000)
        #expect(mismatches.count == 0, "first: \(mismatches.prefix(3))")
    }

    /// Rectilinear outlines put many vertices on one latitude and one longitude: the ray through a corner and
    /// cells whose centres line up with edges.
    @Test("a rectilinear block with a courtyard, and a staircase")
    func rectilinear() throws {
        let origin = GeoPoint(latitude: 47.3769, longitude: 8.5417)
        let scale = WGS84.metresPerDegree(atLatitude: origin.latitude)
        func ring(_ corners: [(Double, Double)]) -> [GeoPoint] {
            (corners + [corners[0]]).map {
                GeoPoint(
                    latitude: origin.latitude + $0.1 / scale.north, longitude: origin.longitude + $0.0 / scale.east)
            }
        }
        var staircase: [(Double, Double)] = [(0, 0)]
        for step in 0..<8 {
            staircase.append((Double(step + 1) * 50, Double(step) * 50))
            staircase.append((Double(step + 1) * 50, Double(step + 1) * 50))
        }
        staircase.append((0, 400))
        let block = ring([
            (0, 0), (100, 0), (100, 50), (200, 50), (200, 0), (300, 0), (300, 300), (200, 300), (200, 250),
            (100, 250), (100, 300), (0, 300),
        ])
        let courtyard = ring([(50, 100), (250, 100), (250, 200), (50, 200)])
        let shapes: [Shape] = [
            .polygon(try Polygon(rings: [ring(staircase)])), .polygon(try Polygon(rings: [block, courtyard])),
        ]
        let table = OutlineTable(shapes: shapes, reaches: [100, 100])
        #expect(table.cellCounts.parts == 2)
        let (compared, mismatches) = Self.compare(shapes, reach: 100, seed: 3)
        #expect(compared > 1_000)
        #expect(mismatches.count == 0, "first: \(mismatches.prefix(3))")
    }
}

/// The cells' lower bounds on the distance to the outline: a distance left out is one the full pass finds
/// greater than the caller's limit, and one given is the full pass's to the last bit.
@Suite("Outline cells' distance bounds against the full pass")
struct OutlineCellBoundTests {
    /// Asks every probe at limits just below, at and above the full pass's distance: at the distance itself
    /// the bound must let the edges be read (a bound loosened by any amount that reaches a probe fails here).
    static func compare(_ shapes: [Shape], reach: Double, seed: UInt64)
        -> (compared: Int, skipped: Int, mismatches: [String])
    {
        let table = OutlineTable(shapes: shapes, reaches: Array(repeating: reach, count: shapes.count))
        var compared = 0
        var skipped = 0
        var mismatches: [String] = []
        for (index, shape, p) in OutlineCellTests.probes(of: shapes, reach: reach, seed: seed) {
            let expected = shape.locate(p)
            let d = expected.distanceToBoundary
            for limit in [0, d * 0.999, d.nextDown, d, d * 1.001, reach] {
                for fromInside in [false, true] {
                    compared += 1
                    let found = table.locate(index, p, distanceWithin: limit, fromInside: fromInside)
                    let needed = expected.isInside ? fromInside : d <= limit
                    guard found.isInside == expected.isInside,
                        found.distanceToBoundary == nil ? !needed : found.distanceToBoundary == d
                    else {
                        mismatches.append(
                            "zone \(index) at \(p), limit \(limit), from inside \(fromInside): \(found) "
                                + "where the full pass gives \(expected)")
                        continue
                    }
                    if found.distanceToBoundary == nil, !expected.isInside { skipped += 1 }
                }
            }
        }
        return (compared, skipped, mismatches)
    }

    @Test("random zones, large and small, out to an operation area's reach", arguments: [UInt64(1), 7, 42])
    func randomZones(seed: UInt64) throws {
        let site = SyntheticSite(zoneCount: 120, sideMetres: 8_000, seed: seed, radii: 30...2_000)
        let shapes = try site.bundle().zones.map(\.shape)
        let (compared, skipped, mismatches) = Self.compare(shapes, reach: 1_000, seed: seed)
        #expect(compared > 200_000)
        // The bounds do their work: many outside points are answered without their edges.
        #expect(skipped > compared / 20)
        #expect(mismatches.count == 0, "first: \(mismatches.prefix(3))")
    }

    /// Far from the equator the frame's scale changes fastest with latitude: the bound must allow for it.
    @Test("zones at 65° north, out to 1 km")
    func highLatitude() throws {
        let site = SyntheticSite(
            zoneCount: 60, sideMetres: 8_000, center: GeoPoint(latitude: 65, longitude: 25), seed: 5,
            radii: 100...3_000)
        let shapes = try site.bundle().zones.map(\.shape)
        let (_, skipped, mismatches) = Self.compare(shapes, reach: 1_000, seed: 5)
        #expect(skipped > 0)
        #expect(mismatches.count == 0, "first: \(mismatches.prefix(3))")
    }
}
