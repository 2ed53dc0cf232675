import Geo
import Testing

@Suite("Polygon validation")
struct PolygonValidationTests {
    /// The issues `Polygon(rings:)` throws, or a recorded failure and none when it builds.
    private func issues(
        _ rings: [[GeoPoint]], sourceLocation: SourceLocation = #_sourceLocation
    ) -> [GeometryIssue] {
        do {
            _ = try Polygon(rings: rings)
            Issue.record("polygon was accepted", sourceLocation: sourceLocation)
            return []
        } catch {
            #expect(!error.issues.isEmpty, "thrown without any issue", sourceLocation: sourceLocation)
            return error.issues
        }
    }

    @Test("no rings at all")
    func noRings() {
        let found = issues([])
        #expect(found.map(\.path) == ["coordinates"])
        #expect(found.first?.problem.contains("outer ring") == true)
        #expect(issues([[]]).map(\.path) == ["coordinates"])
    }

    @Test("a ring whose last position does not repeat the first")
    func unclosed() {
        let open = Array(Berlin.outer.dropLast())
        let found = issues([open])
        #expect(found.count == 1)
        #expect(found.first?.path == "coordinates[0]")
        #expect(found.first?.problem.contains("not closed") == true)
        // The value shows both ends, whichever coordinate order it prints them in.
        #expect(found.first.map { $0.value.contains("52.5") && $0.value.contains("13.4") } == true)
    }

    @Test("fewer than 4 positions", arguments: [0, 1, 2, 3])
    func tooShort(_ count: Int) {
        let positions = Array([point(52.5, 13.4), point(52.5, 13.41), point(52.51, 13.4)].prefix(count))
        let found = issues([Berlin.outer, positions])
        #expect(found.count == 1)
        #expect(found.first?.path == "coordinates[1]")
        #expect(found.first?.value == "\(count) positions")
        #expect(found.first?.problem.contains("at least 4 positions") == true)
    }

    @Test("a bow-tie ring crosses itself")
    func bowTie() {
        let found = issues([ring([(52.5, 13.4), (52.51, 13.41), (52.51, 13.4), (52.5, 13.41)])])
        #expect(found.count == 1)
        #expect(found.first?.path == "coordinates[0]")
        #expect(found.first?.problem.contains("intersects itself") == true)
    }

    @Test("a ring whose edges cross far from their ends")
    func figureEight() {
        // The third edge dips south of the first and cuts through it.
        let found = issues([
            ring([(52.5, 13.4), (52.5, 13.43), (52.52, 13.43), (52.49, 13.415), (52.52, 13.4)])
        ])
        #expect(found.map(\.path) == ["coordinates[0]"])
        #expect(found.first?.problem.contains("intersects itself") == true)
    }

    @Test("a spike that goes out and straight back is a self-intersection")
    func spike() {
        // Up the west side of the square, then out 100 m north and back along the same line.
        let found = issues([
            ring([
                (52.5, 13.4), (52.5, 13.41), (52.51, 13.41), (52.51, 13.405), (52.52, 13.405), (52.51, 13.405),
                (52.51, 13.4),
            ])
        ])
        #expect(found.map(\.path) == ["coordinates[0]"])
        #expect(found.first?.problem.contains("intersects itself") == true)
    }

    @Test("an edge that back-tracks over the previous one")
    func backTracking() {
        let found = issues([ring([(52.5, 13.4), (52.5, 13.42), (52.5, 13.41), (52.51, 13.4)])])
        #expect(found.map(\.path) == ["coordinates[0]"])
        #expect(found.first?.problem.contains("intersects itself") == true)
    }

    @Test("a ring with fewer than 3 distinct corners encloses nothing")
    func tooFewDistinct() {
        let p = point(52.5, 13.4), q = point(52.5, 13.41)
        for positions in [[p, p, p, p], [p, q, q, p], [p, q, q, q, p], [p, p, q, p]] {
            let found = issues([positions])
            #expect(found.map(\.path) == ["coordinates[0]"], "\(positions)")
            #expect(found.first?.problem.contains("degenerate") == true, "\(positions)")
        }
    }

    @Test("collinear and vanishingly small rings are refused")
    func zeroArea() {
        let collinear = ring([(52.5, 13.4), (52.5, 13.41), (52.5, 13.42)])
        let diagonal = ring([(52.5, 13.4), (52.51, 13.41), (52.52, 13.42)])
        // About 0.1 mm on a side: well under a square millimetre.
        let tiny = ring([(52.5, 13.4), (52.5, 13.400_000_001), (52.500_000_001, 13.4)])
        let there = point(52.5, 13.41), back = point(52.5, 13.4)
        let toAndFro = [back, there, back, there, back]
        for positions in [collinear, diagonal, tiny, toAndFro] {
            let found = issues([positions])
            #expect(found.map(\.path) == ["coordinates[0]"], "\(positions)")
            #expect(
                found.first.map { $0.problem.contains("degenerate") || $0.problem.contains("intersects itself") }
                    == true, "\(found)")
        }
        #expect(issues([tiny]).first?.problem.contains("degenerate") == true)
    }

    @Test("repeated consecutive positions are harmless")
    func repeatedPositions() throws {
        let p = try Polygon(
            rings: [
                [
                    point(52.5, 13.4), point(52.5, 13.4), point(52.5, 13.41), point(52.51, 13.41), point(52.51, 13.41),
                    point(52.51, 13.4), point(52.5, 13.4),
                ]
            ])
        #expect(p.outerRing == [point(52.5, 13.4), point(52.5, 13.41), point(52.51, 13.41), point(52.51, 13.4)])
        #expect(p.contains(point(52.505, 13.405)))
    }

    @Test("every edge across the antimeridian is reported")
    func antimeridian() {
        let found = issues([ring([(0, 179.9), (0, -179.9), (1, -179.9), (1, 179.9)])])
        #expect(found.map(\.path) == ["coordinates[0][1]", "coordinates[0][3]"])
        #expect(found.allSatisfy { $0.problem.contains("antimeridian") })
        #expect(found.first?.value.contains("179.9") == true)
    }

    @Test("a hole outside the outer ring names its first outside corner")
    func holeOutside() {
        let disjoint = rectangle(south: 52.52, west: 13.4, north: 52.53, east: 13.41)
        let found = issues([Berlin.outer, disjoint])
        #expect(found.map(\.path) == ["coordinates[1][0]"])
        #expect(found.first?.problem.contains("hole reaches outside the outer ring") == true)
        // Only the north-east corner of this hole sticks out.
        let partly = ring([(52.503, 13.405), (52.503, 13.41), (52.51, 13.42), (52.506, 13.405)])
        #expect(issues([Berlin.outer, partly]).map(\.path) == ["coordinates[1][2]"])
        // The second hole is the bad one.
        #expect(issues([Berlin.outer, Berlin.hole, disjoint]).map(\.path) == ["coordinates[2][0]"])
    }

    @Test("a hole touching the outer ring from inside is allowed")
    func holeTouchingOuter() throws {
        let touching = rectangle(south: 52.5, west: 13.405, north: 52.503, east: 13.41)
        let polygon = try Polygon(rings: [Berlin.outer, touching])
        #expect(!polygon.contains(point(52.5015, 13.4075)))
        #expect(polygon.contains(point(52.5, 13.4075)))
    }

    @Test("problems in several rings are all reported at once")
    func manyProblems() {
        let unclosed = Array(Berlin.hole.dropLast())
        let bowTie = ring([(52.501, 13.401), (52.502, 13.402), (52.502, 13.401), (52.501, 13.402)])
        let short = [point(52.507, 13.412), point(52.508, 13.413), point(52.507, 13.412)]
        let found = issues([Berlin.outer, unclosed, bowTie, short])
        #expect(found.map(\.path) == ["coordinates[1]", "coordinates[2]", "coordinates[3]"])
        #expect(found[safe: 0]?.problem.contains("not closed") == true)
        #expect(found[safe: 1]?.problem.contains("intersects itself") == true)
        #expect(found[safe: 2]?.problem.contains("at least 4") == true)
        // A bad outer ring does not hide a bad hole.
        let both = issues([ring([(0, 179.9), (0, -179.9), (1, -179.9)]), unclosed])
        #expect(both.map(\.path) == ["coordinates[0][1]", "coordinates[0][3]", "coordinates[1]"])
    }

    @Test("issues read as path = value: problem, and nest under a multipolygon's index")
    func issueText() {
        let issue = GeometryIssue(path: "coordinates[0][3]", value: "(1.0, 2.0)", problem: "bad")
        #expect(issue.description == "coordinates[0][3] = (1.0, 2.0): bad")
        #expect(issue.nested(under: "coordinates[2]").path == "coordinates[2][0][3]")
        #expect(issue.nested(under: "coordinates[2]").problem == "bad")
        #expect(
            GeometryIssue(path: "coordinates", value: "[]", problem: "x").nested(under: "coordinates[1]").path
                == "coordinates[1]")
    }

    @Test("polygons touching the antimeridian or a pole build and answer")
    func touchingTheEdgesOfTheMap() throws {
        let east = try Polygon(rings: [rectangle(south: 0, west: 170, north: 10, east: 180)])
        #expect(east.contains(point(5, 180)))
        #expect(east.contains(point(5, 179.99)))
        #expect(!east.contains(point(5, -179.99)))
        #expect(east.locate(point(5, 180)).distanceToBoundary < 0.001)
        #expect(east.locate(point(5, -180)).distanceToBoundary.isFinite)
        let west = try Polygon(rings: [rectangle(south: -10, west: -180, north: 0, east: -170)])
        #expect(west.contains(point(-5, -180)))
        #expect(!west.contains(point(-5, 179.99)))
        let cap = try Polygon(rings: [rectangle(south: 80, west: 0, north: 90, east: 90)])
        #expect(cap.contains(point(85, 45)))
        #expect(cap.contains(point(90, 45)))
        #expect(!cap.contains(point(85, 135)))
        #expect(cap.locate(point(89.9999, 45)).distanceToBoundary.isFinite)
        let toPole = try Polygon(rings: [ring([(80, 0), (80, 90), (90, 0)])])
        #expect(toPole.contains(point(85, 10)))
        let south = try Polygon(rings: [rectangle(south: -90, west: -10, north: -80, east: 10)])
        #expect(south.contains(point(-85, 0)))
        #expect(south.contains(point(-90, 0)))
        #expect(!south.contains(point(-79, 0)))
        // A whole polar cap, built from edges of at most 180 degrees of longitude.
        let polarCap = try Polygon(
            rings: [ring([(-90, -180), (-90, 0), (-90, 180), (-80, 180), (-80, 0), (-80, -180)])])
        #expect(polarCap.contains(point(-85, 100)))
        #expect(polarCap.contains(point(-85, -179.5)))
        #expect(!polarCap.contains(point(-79.9, 100)))
        let corner = try Polygon(rings: [rectangle(south: 80, west: 170, north: 90, east: 180)])
        #expect(corner.contains(point(90, 180)))
        #expect(corner.contains(point(85, 175)))
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
