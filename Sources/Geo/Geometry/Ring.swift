/// A closed ring checked against RFC 7946 and projected into its polygon's ``LocalFrame``.
struct Ring: Sendable, Hashable {
    /// Distinct vertices, without the closing repeat.
    let vertices: [GeoPoint]
    /// The same vertices in the polygon's frame, metres.
    let plane: [PlanePoint]

    /// Checks and projects one ring.
    /// - Parameters:
    ///   - positions: the ring as given, first position repeated at the end.
    ///   - index: the ring's index in its polygon, for messages.
    /// - Throws: every ``GeometryIssue`` found in the ring.
    init(positions: [GeoPoint], index: Int, frame: LocalFrame) throws(GeometryIssues) {
        let path = "coordinates[\(index)]"
        guard positions.count >= 4 else {
            throw GeometryIssues([
                GeometryIssue(
                    path: path, value: "\(positions.count) positions",
                    problem: "a linear ring needs at least 4 positions (3 corners and the closing repeat)")
            ])
        }
        guard let first = positions.first, let last = positions.last, first == last else {
            throw GeometryIssues([
                GeometryIssue(
                    path: path, value: "first \(positions[0].geoJSON), last \(positions[positions.count - 1].geoJSON)",
                    problem: "ring is not closed: the last position must repeat the first")
            ])
        }
        var issues: [GeometryIssue] = []
        for i in 0..<(positions.count - 1)
        where abs(positions[i + 1].longitude - positions[i].longitude) > 180 {
            issues.append(
                GeometryIssue(
                    path: "\(path)[\(i + 1)]", value: "\(positions[i].geoJSON) -> \(positions[i + 1].geoJSON)",
                    problem: "edge crosses the antimeridian; split the polygon there (RFC 7946 section 3.1.9)"))
        }
        if !issues.isEmpty { throw GeometryIssues(issues) }

        // Repeated consecutive positions add nothing; drop them before counting corners.
        var distinct: [GeoPoint] = []
        for p in positions.dropLast() where distinct.last != p { distinct.append(p) }
        if distinct.count > 1, distinct.first == distinct.last { distinct.removeLast() }
        let plane = distinct.map(frame.project)
        let degenerate = GeometryIssue(
            path: path, value: "\(distinct.count) distinct positions",
            problem: "ring is degenerate: it encloses no area")
        if distinct.count < 3 { throw GeometryIssues([degenerate]) }
        if let crossing = RingSweep.firstSelfIntersection(plane) {
            throw GeometryIssues([
                GeometryIssue(
                    path: path,
                    value: "edges \(crossing.0) and \(crossing.1) near \(distinct[crossing.0].geoJSON)",
                    problem: "ring intersects itself")
            ])
        }
        if abs(Ring.signedArea(plane)) < 1e-6 { throw GeometryIssues([degenerate]) }
        self.vertices = distinct
        self.plane = plane
    }

    /// Shoelace area in square metres; the sign gives the winding, which we accept either way.
    static func signedArea(_ points: [PlanePoint]) -> Double {
        var sum = 0.0
        for i in points.indices {
            let a = points[i], b = points[(i + 1) % points.count]
            sum += a.x * b.y - b.x * a.y
        }
        return sum / 2
    }

    /// The first pair of edges that touch or cross, other than neighbours meeting at their shared corner, by
    /// comparing every pair: the reference ``RingSweep`` is tested against.
    static func firstSelfIntersection(_ p: [PlanePoint]) -> (Int, Int)? {
        let n = p.count
        for i in 0..<n {
            let a1 = p[i], a2 = p[(i + 1) % n]
            // A neighbour folding back onto this edge (a spike) is an intersection too.
            let next = p[(i + 2) % n]
            if orientation(a1, a2, next) == 0, dot(a2, a1, next) > 0 { return (i, (i + 1) % n) }
            for j in stride(from: i + 2, to: n, by: 1) {
                if i == 0 && j == n - 1 { continue }  // the closing edge meets the first at vertex 0
                if segmentsIntersect(a1, a2, p[j], p[(j + 1) % n]) { return (i, j) }
            }
        }
        return nil
    }

    /// Sign of the turn a -> b -> c: positive left, negative right, zero collinear.
    static func orientation(_ a: PlanePoint, _ b: PlanePoint, _ c: PlanePoint) -> Double {
        let value = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
        return abs(value) < 1e-12 ? 0 : value
    }

    /// Dot product of (a - vertex) and (c - vertex): positive when the angle at `vertex` is acute.
    private static func dot(_ vertex: PlanePoint, _ a: PlanePoint, _ c: PlanePoint) -> Double {
        (a.x - vertex.x) * (c.x - vertex.x) + (a.y - vertex.y) * (c.y - vertex.y)
    }

    /// True when the segments cross at a point inside both: touching at an end or overlapping along a line
    /// does not count (a hole may touch its outer ring at a corner).
    static func segmentsCrossProperly(_ p1: PlanePoint, _ p2: PlanePoint, _ q1: PlanePoint, _ q2: PlanePoint) -> Bool {
        let d1 = orientation(q1, q2, p1), d2 = orientation(q1, q2, p2)
        let d3 = orientation(p1, p2, q1), d4 = orientation(p1, p2, q2)
        return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))
    }

    /// Whether any edge of this ring properly crosses an edge of `other` (both in the same frame).
    func crosses(_ other: [PlanePoint]) -> Bool {
        let n = plane.count, m = other.count
        for i in 0..<n {
            let a1 = plane[i], a2 = plane[(i + 1) % n]
            for j in 0..<m where Ring.segmentsCrossProperly(a1, a2, other[j], other[(j + 1) % m]) { return true }
        }
        return false
    }

    static func segmentsIntersect(_ p1: PlanePoint, _ p2: PlanePoint, _ q1: PlanePoint, _ q2: PlanePoint) -> Bool {
        let d1 = orientation(q1, q2, p1), d2 = orientation(q1, q2, p2)
        let d3 = orientation(p1, p2, q1), d4 = orientation(p1, p2, q2)
        if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) { return true }
        return (d1 == 0 && onSegment(q1, q2, p1)) || (d2 == 0 && onSegment(q1, q2, p2))
            || (d3 == 0 && onSegment(p1, p2, q1)) || (d4 == 0 && onSegment(p1, p2, q2))
    }

    private static func onSegment(_ a: PlanePoint, _ b: PlanePoint, _ p: PlanePoint) -> Bool {
        p.x >= min(a.x, b.x) && p.x <= max(a.x, b.x) && p.y >= min(a.y, b.y) && p.y <= max(a.y, b.y)
    }
}
