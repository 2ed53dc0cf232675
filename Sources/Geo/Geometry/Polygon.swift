/// A polygon with optional holes, edges straight in the longitude/latitude plane (RFC 7946).
///
/// A point on any ring's edge, within ``Shape/boundaryTolerance``, counts as inside: for a no-fly zone the
/// conservative answer. Rings may wind either way.
public struct Polygon: Sendable, Hashable {
    let rings: [Ring]
    let frame: LocalFrame
    public let boundingBox: BoundingBox
    /// The bounding box grown by a little more than the boundary tolerance: outside it, a point is
    /// certainly outside the polygon.
    let toleranceBox: BoundingBox

    /// Builds a polygon from GeoJSON rings (outer first), each closed.
    /// - Throws: ``GeometryIssues`` with every problem found: unclosed, short, degenerate or self-intersecting
    ///   rings, edges across the antimeridian, holes outside the outer ring.
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
        if issues.isEmpty {
            let outerOnly = Polygon(rings: [rings[0]], frame: frame, boundingBox: box)
            for (index, hole) in rings.enumerated().dropFirst() {
                if let outside = hole.vertices.firstIndex(where: { !outerOnly.contains($0) }) {
                    issues.append(
                        GeometryIssue(
                            path: "coordinates[\(index)][\(outside)]", value: "\(hole.vertices[outside])",
                            problem: "hole reaches outside the outer ring"))
                }
            }
        }
        if !issues.isEmpty { throw GeometryIssues(issues) }
        self.init(rings: rings, frame: frame, boundingBox: box)
    }

    private init(rings: [Ring], frame: LocalFrame, boundingBox: BoundingBox) {
        self.rings = rings
        self.frame = frame
        self.boundingBox = boundingBox
        self.toleranceBox = boundingBox.expanded(byMetres: 0.01)[0]
    }

    /// The outer ring's corners, without the closing repeat.
    public var outerRing: [GeoPoint] { rings[0].vertices }
    /// The holes' corners, each without the closing repeat.
    public var holes: [[GeoPoint]] { rings.dropFirst().map(\.vertices) }

    /// Inside, in a hole's area (outside), or on an edge (inside).
    public func contains(_ p: GeoPoint) -> Bool {
        guard toleranceBox.contains(p) else { return false }
        let q = frame.project(p)
        if boundingBox.contains(p), crossingParity(q) { return true }
        return nearestBoundaryPoint(q).squaredDistance <= Shape.boundaryTolerance * Shape.boundaryTolerance
    }

    /// Where `p` lies and how far it is from the nearest edge, metres along the ellipsoid.
    public func locate(_ p: GeoPoint) -> ShapeLocation {
        let q = frame.project(p)
        let nearest = nearestBoundaryPoint(q)
        let planeDistance = nearest.squaredDistance.squareRoot()
        let inside = planeDistance <= Shape.boundaryTolerance || (boundingBox.contains(p) && crossingParity(q))
        // The frame's scale is exact only at its origin; measure the last step on the ellipsoid.
        let distance = planeDistance <= Shape.boundaryTolerance
            ? planeDistance : Geodesic.distance(p, frame.unproject(nearest.point))
        return ShapeLocation(isInside: inside, distanceToBoundary: distance)
    }

    /// Even-odd crossing test over every ring: true inside the outer ring and outside all holes.
    func crossingParity(_ q: PlanePoint) -> Bool {
        var inside = false
        for ring in rings {
            ring.plane.withUnsafeBufferPointer { v in
                var j = v.count - 1
                for i in 0..<v.count {
                    let a = v[i], b = v[j]
                    if (a.y > q.y) != (b.y > q.y), q.x < (b.x - a.x) * (q.y - a.y) / (b.y - a.y) + a.x {
                        inside.toggle()
                    }
                    j = i
                }
            }
        }
        return inside
    }

    /// The closest point on any edge, in the plane.
    func nearestBoundaryPoint(_ q: PlanePoint) -> (point: PlanePoint, squaredDistance: Double) {
        var best = (point: q, squaredDistance: Double.infinity)
        for ring in rings {
            ring.plane.withUnsafeBufferPointer { v in
                var j = v.count - 1
                for i in 0..<v.count {
                    let a = v[j], b = v[i]
                    let dx = b.x - a.x, dy = b.y - a.y
                    let t = max(0, min(1, ((q.x - a.x) * dx + (q.y - a.y) * dy) / (dx * dx + dy * dy)))
                    let px = a.x + t * dx, py = a.y + t * dy
                    let d = (q.x - px) * (q.x - px) + (q.y - py) * (q.y - py)
                    if d < best.squaredDistance { best = (PlanePoint(x: px, y: py), d) }
                    j = i
                }
            }
        }
        return best
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
