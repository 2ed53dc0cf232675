/// A polygon with optional holes, edges straight in the longitude/latitude plane (RFC 7946).
///
/// A point on any ring's edge, within ``Shape/boundaryTolerance``, counts as inside: for a no-fly zone the
/// conservative answer. Rings may wind either way.
public struct Polygon: Sendable, Hashable {
    let rings: [Ring]
    /// Every ring's corners as the query loop reads them, outer ring first.
    let run: RingRun
    let frame: LocalFrame
    public let boundingBox: BoundingBox
    /// The bounding box grown by a little more than the boundary tolerance: outside it, a point is
    /// certainly outside the polygon.
    let toleranceBox: BoundingBox

    /// Builds a polygon from GeoJSON rings (outer first), each closed.
    /// - Throws: ``GeometryIssues`` with every problem found: unclosed, short, degenerate or self-intersecting
    ///   rings, edges across the antimeridian, holes that reach outside the outer ring or overlap each other.
    public init(rings positions: [[GeoPoint]]) throws(GeometryIssues) {
        guard let outer = positions.first, let box = BoundingBox(points: outer) else {
            throw GeometryIssues([
                GeometryIssue(path: "coordinates", value: "[]", problem: "a polygon needs an outer ring")
            ])
        }
        let frame = LocalFrame(origin: box.center)
        var rings: [Ring] = []
        var issues: [GeometryIssue] = []
        for (index, ring) in positions.enumerated() {
            do throws(GeometryIssues) {
                rings.append(try Ring(positions: ring, index: index, frame: frame))
            } catch {
                issues += error.issues
            }
        }
        if issues.isEmpty { issues = Polygon.holeIssues(rings, positions: positions, frame: frame, box: box) }
        if !issues.isEmpty { throw GeometryIssues(issues) }
        self.init(rings: rings, frame: frame, boundingBox: box)
    }

    private init(rings: [Ring], frame: LocalFrame, boundingBox: BoundingBox) {
        self.rings = rings
        var run = RingRun()
        for ring in rings { run.append(ring: ring.plane) }
        self.run = run
        self.frame = frame
        self.boundingBox = boundingBox
        self.toleranceBox = boundingBox.expanded(byMetres: 0.01)[0]
    }

    /// Holes must lie inside the outer ring (touching it at a corner is allowed) and apart from each other.
    /// - Parameter positions: the rings as written, to name positions by their index in the file.
    private static func holeIssues(
        _ rings: [Ring], positions: [[GeoPoint]], frame: LocalFrame, box: BoundingBox
    ) -> [GeometryIssue] {
        var issues: [GeometryIssue] = []
        let outerOnly = Polygon(rings: [rings[0]], frame: frame, boundingBox: box)
        for (index, hole) in rings.enumerated().dropFirst() {
            if let outside = hole.vertices.firstIndex(where: { !outerOnly.contains($0) }) {
                let written = positions[index].firstIndex(of: hole.vertices[outside]) ?? outside
                issues.append(
                    GeometryIssue(
                        path: "coordinates[\(index)][\(written)]", value: hole.vertices[outside].geoJSON,
                        problem: "hole reaches outside the outer ring"))
            } else if hole.crosses(rings[0].plane) {
                issues.append(
                    GeometryIssue(
                        path: "coordinates[\(index)]", value: "\(hole.vertices.count) positions",
                        problem: "hole's edges cross the outer ring"))
            }
            for other in 1..<index where Polygon.ringsOverlap(hole, rings[other], frame: frame, box: box) {
                issues.append(
                    GeometryIssue(
                        path: "coordinates[\(index)]", value: "\(hole.vertices.count) positions",
                        problem: "hole overlaps hole coordinates[\(other)]"))
            }
        }
        // Holes inside the outer ring and apart from each other that still add up to its area fill it.
        let outerArea = abs(Ring.signedArea(rings[0].plane))
        let holesArea = rings.dropFirst().reduce(0) { $0 + abs(Ring.signedArea($1.plane)) }
        if issues.isEmpty, rings.count > 1, holesArea >= outerArea * (1 - 1e-9) {
            issues.append(
                GeometryIssue(
                    path: "coordinates", value: "\(rings.count - 1) holes",
                    problem: "the holes cover the whole outer ring: the polygon has no area"))
        }
        return issues
    }

    /// Whether two rings' areas overlap: their edges cross, one lies inside the other, or they run along the
    /// same lines with area on the same side.
    static func ringsOverlap(_ a: Ring, _ b: Ring, frame: LocalFrame, box: BoundingBox) -> Bool {
        if a.crosses(b.plane) { return true }
        let insideA = Polygon(rings: [a], frame: frame, boundingBox: box)
        let insideB = Polygon(rings: [b], frame: frame, boundingBox: box)
        return (b.vertices + insideB.samplesJustInside()).contains { insideA.strictlyContains($0) }
            || (a.vertices + insideA.samplesJustInside()).contains { insideB.strictlyContains($0) }
    }

    /// Whether the parts of a MultiPolygon overlap (share more than boundary points). A part inside another
    /// part's hole does not overlap it.
    public func overlaps(_ other: Polygon) -> Bool {
        guard boundingBox.intersects(other.boundingBox) else { return false }
        let projected = other.rings[0].vertices.map(frame.project)
        if rings[0].crosses(projected) { return true }
        return (other.outerRing + other.samplesJustInside()).contains { strictlyContains($0) }
            || (outerRing + samplesJustInside()).contains { other.strictlyContains($0) }
    }

    /// Points 2 cm inside the outer ring at a quarter, the middle and three quarters of each edge. Where two
    /// shapes overlap along shared edge lines, neither's corners are strictly inside the other, but some of
    /// these points are.
    func samplesJustInside() -> [GeoPoint] {
        let outerOnly = Polygon(rings: [rings[0]], frame: frame, boundingBox: boundingBox)
        let v = rings[0].plane
        var samples: [GeoPoint] = []
        for i in v.indices {
            let a = v[i], b = v[(i + 1) % v.count]
            let dx = b.x - a.x, dy = b.y - a.y
            let length = (dx * dx + dy * dy).squareRoot()
            guard length > 0.1 else { continue }
            let offset = (x: -dy / length * 0.02, y: dx / length * 0.02)
            for t in [0.25, 0.5, 0.75] {
                let middle = PlanePoint(x: a.x + t * dx, y: a.y + t * dy)
                for side in [1.0, -1.0] {
                    let p = frame.unproject(PlanePoint(x: middle.x + side * offset.x, y: middle.y + side * offset.y))
                    if outerOnly.strictlyContains(p) {
                        samples.append(p)
                        break
                    }
                }
            }
        }
        return samples
    }

    /// The outer ring's corners, without the closing repeat.
    public var outerRing: [GeoPoint] { rings[0].vertices }
    /// The holes' corners, each without the closing repeat.
    public var holes: [[GeoPoint]] { rings.dropFirst().map(\.vertices) }

    /// Inside, in a hole's area (outside), or on an edge (inside): exactly `locate(p).isInside`, without
    /// measuring the distance.
    public func contains(_ p: GeoPoint) -> Bool {
        guard toleranceBox.contains(p) else { return false }
        let (parity, onEdge) = crossingParity(frame.project(p))
        return parity || onEdge
    }

    /// Inside and farther than the tolerance from every edge.
    func strictlyContains(_ p: GeoPoint) -> Bool {
        guard boundingBox.contains(p) else { return false }
        let (parity, onEdge) = crossingParity(frame.project(p))
        return parity && !onEdge
    }

    /// Where `p` lies and how far it is from the nearest edge, metres along the ellipsoid, in one pass over
    /// the edges. Inside means what ``contains(_:)`` means: the same edges answer the same two questions.
    public func locate(_ p: GeoPoint) -> ShapeLocation {
        let q = frame.project(p)
        let found = run.withScan(rings: 0..<run.ringCount) { $0.locate(q) }
        return EdgeScan.location(
            of: q, parity: found.parity, nearest: found.nearest, squaredDistance: found.squaredDistance, frame: frame)
    }

    /// Metres from `p` to the nearest edge of any ring, whichever side it is on.
    public func distanceToBoundary(_ p: GeoPoint) -> Double {
        locate(p).distanceToBoundary
    }

    /// The even-odd rule over every ring (true inside the outer ring and outside all holes), and whether the
    /// point lies on an edge within the tolerance, in one pass.
    func crossingParity(_ q: PlanePoint) -> (parity: Bool, onEdge: Bool) {
        run.withScan(rings: 0..<run.ringCount) { $0.crossingParity(q, tolerance: Shape.boundaryTolerance) }
    }
}

/// Where a point lies relative to a shape.
public struct ShapeLocation: Sendable, Hashable {
    /// Inside or on the boundary.
    public var isInside: Bool
    /// Metres to the nearest point of the boundary (0 on it), whichever side the point is on.
    public var distanceToBoundary: Double

    public init(isInside: Bool, distanceToBoundary: Double) {
        self.isInside = isInside
        self.distanceToBoundary = distanceToBoundary
    }
}
