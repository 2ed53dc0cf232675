/// The one pass over a polygon's edges that every containment path makes: ``Polygon`` over its own rings, and
/// ``OutlineTable`` over a stretch of one ``RingRun`` shared by a whole bundle. The even-odd rule toggles per
/// edge whichever ring it belongs to, and the nearest edge is the nearest of all rings.
struct EdgeScan {
    let points: UnsafeBufferPointer<PlanePoint>
    let bounds: UnsafeBufferPointer<Int32>
    /// The rings to read, as indexes into `bounds`.
    let rings: Range<Int>

    /// Calls `body` with the two ends of each edge of the rings, in ring order; stops when it returns true.
    @inline(__always)
    private func forEachEdge(_ body: (PlanePoint, PlanePoint) -> Bool) {
        for r in rings {
            let start = Int(bounds[r]), end = Int(bounds[r + 1])
            for k in start..<(end - 1) where body(points[k], points[k + 1]) { return }
        }
    }

    /// Whether `q` is inside by the even-odd rule, and the nearest point of any edge with its squared distance.
    @inline(__always)
    func locate(_ q: PlanePoint) -> (parity: Bool, nearest: PlanePoint, squaredDistance: Double) {
        var parity = false
        var nearest = (point: q, squared: Double.infinity)
        forEachEdge { a, b in
            if Edge.crossesRay(from: q, a, b) { parity.toggle() }
            EdgeScan.keepNearer(q, a, b, &nearest)
            return false
        }
        return (parity, nearest.point, nearest.squared)
    }

    /// The nearest point of the edges that start at `points[base + offset]` for each offset, in the order
    /// given: the same as ``locate(_:)`` finds when those edges include every nearest one (``CellTable``).
    @inline(__always)
    func nearest(to q: PlanePoint, among offsets: UnsafeBufferPointer<UInt16>, base: Int)
        -> (point: PlanePoint, squared: Double)
    {
        var nearest = (point: q, squared: Double.infinity)
        for offset in offsets {
            let k = base + Int(offset)
            EdgeScan.keepNearer(q, points[k], points[k + 1], &nearest)
        }
        return nearest
    }

    /// ``nearest(to:among:base:)`` with the edges given as bits: bit k for the edge from `points[base + k]`;
    /// lowest first, which is ring order.
    @inline(__always)
    func nearest(to q: PlanePoint, amongMask mask: UInt64, base: Int) -> (point: PlanePoint, squared: Double) {
        var nearest = (point: q, squared: Double.infinity)
        var rest = mask
        while rest != 0 {
            let k = base + rest.trailingZeroBitCount
            rest &= rest &- 1
            EdgeScan.keepNearer(q, points[k], points[k + 1], &nearest)
        }
        return nearest
    }

    /// ``parity(_:among:base:)`` with the edges given as bits, as for ``nearest(to:amongMask:base:)``.
    @inline(__always)
    func parity(_ q: PlanePoint, amongMask mask: UInt64, base: Int) -> Bool {
        var parity = false
        var rest = mask
        while rest != 0 {
            let k = base + rest.trailingZeroBitCount
            rest &= rest &- 1
            if Edge.crossesRay(from: q, points[k], points[k + 1]) { parity.toggle() }
        }
        return parity
    }

    /// The nearest point of every edge.
    @inline(__always)
    func nearest(to q: PlanePoint) -> (point: PlanePoint, squared: Double) {
        var nearest = (point: q, squared: Double.infinity)
        forEachEdge { a, b in
            EdgeScan.keepNearer(q, a, b, &nearest)
            return false
        }
        return nearest
    }

    /// The even-odd rule over the edges that start at `points[base + offset]` for each offset: the same as
    /// ``locate(_:)`` finds when those edges include every edge that spans q's latitude (``CellTable``).
    @inline(__always)
    func parity(_ q: PlanePoint, among offsets: UnsafeBufferPointer<UInt16>, base: Int) -> Bool {
        var parity = false
        for offset in offsets {
            let k = base + Int(offset)
            if Edge.crossesRay(from: q, points[k], points[k + 1]) { parity.toggle() }
        }
        return parity
    }

    /// Makes the point of edge a→b nearest to q the `nearest` when it is strictly nearer; the first of equally
    /// near edges stays.
    @inline(__always)
    private static func keepNearer(
        _ q: PlanePoint, _ a: PlanePoint, _ b: PlanePoint, _ nearest: inout (point: PlanePoint, squared: Double)
    ) {
        // An edge whose box is already farther than the best cannot be nearer: skip the exact distance (and
        // its division). The margin keeps the box's rounding from skipping an edge that ties.
        let gapX = max(min(a.x, b.x) - q.x, 0, q.x - max(a.x, b.x))
        let gapY = max(min(a.y, b.y) - q.y, 0, q.y - max(a.y, b.y))
        guard (gapX * gapX + gapY * gapY) * (1 - 1e-9) < nearest.squared else { return }
        let e = Edge(from: a, to: b)
        let (t, squared) = e.nearest(to: q)
        if squared < nearest.squared { nearest = (e.point(at: t), squared) }
    }

    /// The even-odd rule over the edges, and whether `q` lies within `tolerance` of one of them (then the
    /// parity is left unfinished: on an edge counts as inside whatever it says).
    @inline(__always)
    func crossingParity(_ q: PlanePoint, tolerance: Double) -> (parity: Bool, onEdge: Bool) {
        var inside = false
        var onEdge = false
        forEachEdge { a, b in
            if Edge.crossesRay(from: q, a, b) { inside.toggle() }
            // Only edges whose box comes within the tolerance need the exact distance.
            onEdge =
                Edge.boxReaches(q, a, b, within: tolerance)
                && Edge(from: a, to: b).nearest(to: q).squaredDistance <= tolerance * tolerance
            return onEdge
        }
        return (inside, onEdge)
    }

    /// What a pass found, as a ``ShapeLocation``: on an edge (within the tolerance) is inside; otherwise the
    /// parity decides, and the distance to the nearest point is measured on the ellipsoid.
    @inline(__always)
    static func location(
        of q: PlanePoint, parity: Bool, nearest: PlanePoint, squaredDistance: Double, frame: LocalFrame
    ) -> ShapeLocation {
        let tolerance = Shape.boundaryTolerance
        if squaredDistance <= tolerance * tolerance {
            return ShapeLocation(isInside: true, distanceToBoundary: squaredDistance.squareRoot())
        }
        // The frame's scale is exact only at its origin; measure the last step on the ellipsoid.
        return ShapeLocation(isInside: parity, distanceToBoundary: frame.distance(q, nearest))
    }
}

extension RingRun {
    /// Calls `body` with a scan over rings `rings` of this run.
    @inline(__always)
    func withScan<Result>(rings: Range<Int>, _ body: (EdgeScan) -> Result) -> Result {
        points.withUnsafeBufferPointer { points in
            bounds.withUnsafeBufferPointer { bounds in body(EdgeScan(points: points, bounds: bounds, rings: rings)) }
        }
    }
}
