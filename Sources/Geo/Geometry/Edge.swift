/// One edge of a ring in its polygon's frame, as the query loop sees it: its start and end exactly as the
/// ring's vertices (never recomputed as start + extent, which rounds differently) and 1 / its squared length.
/// Made on the fly from two consecutive points of a ``RingRun``: storing it would cost memory the loop waits on.
///
/// Both containment paths (``Polygon/contains(_:)`` and ``Polygon/locate(_:)``) ask every edge the same two
/// questions through ``crossesRay(from:_:_:)`` and ``nearest(to:)``, so they cannot disagree.
struct Edge: Sendable, Hashable {
    let x: Double
    let y: Double
    let endX: Double
    let endY: Double
    let inverseSquaredLength: Double

    var dx: Double { endX - x }
    var dy: Double { endY - y }

    init(from a: PlanePoint, to b: PlanePoint) {
        x = a.x
        y = a.y
        endX = b.x
        endY = b.y
        let dx = b.x - a.x, dy = b.y - a.y
        inverseSquaredLength = 1 / (dx * dx + dy * dy)
    }

    /// Whether the edge crosses the ray from q towards +x, for the even-odd rule.
    ///
    /// Half-open in y: an end counts as above q only when strictly above. The two edges that meet at a vertex
    /// on q's latitude compare that vertex's one stored y with q.y, so the ray through a corner counts the
    /// corner once when the ring passes through q's latitude there and never when it only touches it. The
    /// sign of the cross product can be wrong only for points within a rounding error of the edge's line,
    /// which the boundary tolerance counts as inside anyway.
    ///
    /// Asked of the two ends, before an `Edge` (and its division) is made: most edges are not near q.
    @inline(__always)
    static func crossesRay(from q: PlanePoint, _ a: PlanePoint, _ b: PlanePoint) -> Bool {
        guard (a.y > q.y) != (b.y > q.y) else { return false }
        let dy = b.y - a.y
        let cross = (b.x - a.x) * (q.y - a.y) - (q.x - a.x) * dy
        return (cross > 0) == (dy > 0)
    }

    /// Where along the edge (0 at the start, 1 at the end) the point nearest q lies, and its squared distance
    /// from q.
    @inline(__always)
    func nearest(to q: PlanePoint) -> (t: Double, squaredDistance: Double) {
        let rx = q.x - x, ry = q.y - y
        let dx = self.dx, dy = self.dy
        let t = max(0, min(1, (rx * dx + ry * dy) * inverseSquaredLength))
        let ex = rx - t * dx, ey = ry - t * dy
        return (t, ex * ex + ey * ey)
    }

    /// Whether q is within `tolerance` of the edge's box: only then can it be within `tolerance` of the edge.
    @inline(__always)
    static func boxReaches(_ q: PlanePoint, _ a: PlanePoint, _ b: PlanePoint, within tolerance: Double) -> Bool {
        q.x >= min(a.x, b.x) - tolerance && q.x <= max(a.x, b.x) + tolerance && q.y >= min(a.y, b.y) - tolerance
            && q.y <= max(a.y, b.y) + tolerance
    }

    func point(at t: Double) -> PlanePoint {
        PlanePoint(x: x + t * dx, y: y + t * dy)
    }
}
