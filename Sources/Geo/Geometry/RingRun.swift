/// Rings laid out as the query loop reads them: every ring's corners in one array of plane points, each ring
/// led by its last corner, so that consecutive points are its edges in ring order (last → first, first →
/// second, …). Sixteen bytes a corner where a stored edge took forty: over thousands of zones, the query loop
/// waits on memory, not on arithmetic, so a smaller layout is a faster one.
struct RingRun: Sendable, Hashable {
    /// The points of every ring.
    private(set) var points: [PlanePoint] = []
    /// Ring `r` is `points[bounds[r]..<bounds[r + 1]]`.
    private(set) var bounds: [Int32] = [0]

    /// The number of rings so far.
    var ringCount: Int { bounds.count - 1 }

    /// Adds a ring's corners (without the closing repeat), led by its last.
    mutating func append(ring corners: [PlanePoint]) {
        guard let last = corners.last else { return }
        points.append(last)
        points += corners
        bounds.append(Int32(points.count))
    }

    /// Adds every ring of another run.
    mutating func append(_ other: RingRun) {
        let offset = Int32(points.count)
        points += other.points
        bounds += other.bounds.dropFirst().map { $0 + offset }
    }
}
