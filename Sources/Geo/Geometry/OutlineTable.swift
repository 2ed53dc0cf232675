/// Every outline of a bundle laid flat for the query loop: all polygons' rings in one ``RingRun``, each
/// polygon (or part of a multipolygon) a plain record of its frame, its box and its rings, each circle two
/// numbers.
///
/// Asking a ``Shape`` copies it, and copying a polygon retains its arrays: over thousands of zones a query
/// spent a tenth of its time counting references. Here nothing is reference counted per zone, and a zone's
/// corners sit next to each other in memory. The answers are ``Shape``'s: both run the same ``EdgeScan`` over
/// the same points.
public struct OutlineTable: Sendable {
    /// One polygon, or one part of a multipolygon.
    struct Part {
        let frame: LocalFrame
        /// Outside it, the part cannot hold a point (see ``Polygon/toleranceBox``).
        let toleranceBox: BoundingBox
        /// Its rings in ``run``.
        let firstRing: Int32
        let endRing: Int32
        /// Its grid in ``cells``, kept here so that a query reads one record, not two; `nil` when it has
        /// none and every query reads all its edges.
        let grid: CellTable.Grid?

        var rings: Range<Int> { Int(firstRing)..<Int(endRing) }

        /// What stands in the slot of a shape that is not a single polygon.
        static let none = Part(
            frame: LocalFrame(origin: GeoPoint(latitude: 0, longitude: 0)),
            toleranceBox: BoundingBox(point: GeoPoint(latitude: 0, longitude: 0)), firstRing: 0, endRing: 0,
            grid: nil)
    }

    /// One shape: a polygon, whose part is `parts[index]`; the parts of a multipolygon, after the slots; or a
    /// circle.
    enum Outline {
        case polygon
        case parts(first: Int32, end: Int32)
        case circle(Circle)
    }

    private let run: RingRun
    /// A slot per shape, in order, holding a polygon's one part (so that a query reads it without waiting for
    /// ``outlines``), then the multipolygons' parts.
    private let parts: [Part]
    private let outlines: [Outline]
    private let cells: CellTable

    /// Lays out `shapes`; queries name a shape by its index here.
    /// - Parameter reaches: per shape, metres beyond its box within which it will be asked about: its
    ///   polygons' cells cover that far (farther, the query reads every edge). `nil`: none beyond the box.
    public init(shapes: [Shape], reaches: [Double]? = nil) {
        var run = RingRun()
        var parts = [Part](repeating: .none, count: shapes.count)
        var outlines: [Outline] = []
        var cells = CellTable()
        outlines.reserveCapacity(shapes.count)
        func part(_ polygon: Polygon, reach: Double) -> Part {
            let firstRing = Int32(run.ringCount)
            run.append(polygon.run)
            let rings = Int(firstRing)..<run.ringCount
            let grid = run.withScan(rings: rings) { cells.add($0, frame: polygon.frame, reach: reach) }
            return Part(
                frame: polygon.frame, toleranceBox: polygon.toleranceBox, firstRing: firstRing,
                endRing: Int32(run.ringCount), grid: grid.map { cells.grids[Int($0)] })
        }
        for (index, shape) in shapes.enumerated() {
            let reach = reaches?[index] ?? 0
            switch shape {
            case .circle(let circle):
                outlines.append(.circle(circle))
            case .polygon(let polygon):
                parts[index] = part(polygon, reach: reach)
                outlines.append(.polygon)
            case .multiPolygon(let polygons):
                let first = Int32(parts.count)
                for polygon in polygons { parts.append(part(polygon, reach: reach)) }
                outlines.append(.parts(first: first, end: Int32(parts.count)))
            }
        }
        self.run = run
        self.parts = parts
        self.outlines = outlines
        self.cells = cells
    }

    public var count: Int { outlines.count }

    /// How many polygons (or parts) are cut into cells, how many of those name their edges by mask, and into
    /// how many cells in all.
    public var cellCounts: (parts: Int, masked: Int, cells: Int) {
        (cells.grids.count, cells.grids.count { $0.isMasked }, cells.cells.count - 1)
    }

    /// Asks the processor for the records of the shapes `indexes` without waiting for them, ahead of a query
    /// that reads them: their cache misses then overlap instead of following one another.
    public func prefetch(_ indexes: UnsafeBufferPointer<Int32>) {
        parts.withUnsafeBufferPointer { parts in
            guard let base = parts.baseAddress else { return }
            for index in indexes {
                Prefetch.lines(of: base + Int(index))
            }
        }
    }

    /// Exactly `shapes[index].contains(p)`.
    public func contains(_ index: Int, _ p: GeoPoint) -> Bool {
        switch outlines[index] {
        case .circle(let circle): circle.contains(p)
        case .polygon: contains(parts[index], p)
        case .parts(let first, let end): parts[Int(first)..<Int(end)].contains { contains($0, p) }
        }
    }

    @inline(__always)
    private func contains(_ part: Part, _ p: GeoPoint) -> Bool {
        let tolerance = Shape.boundaryTolerance
        guard part.toleranceBox.contains(p) else { return false }
        let q = part.frame.project(p)
        if let grid = part.grid, let place = cells.place(grid, q) {
            switch cells.placement(place.cell) {
            case .inside: return true
            case .outside: return false
            case .crossed:
                // On an edge (within the tolerance) or inside by the even-odd rule, as the full pass.
                let found = locate(q, in: part, grid: grid, at: place)
                return found.parity || found.squaredDistance <= tolerance * tolerance
            }
        }
        let (parity, onEdge) = run.withScan(rings: part.rings) { $0.crossingParity(q, tolerance: tolerance) }
        return parity || onEdge
    }

    /// Exactly `shapes[index].locate(p)`.
    public func locate(_ index: Int, _ p: GeoPoint) -> ShapeLocation {
        switch outlines[index] {
        case .circle(let circle): return circle.locate(p)
        case .polygon: return location(parts[index], p)
        case .parts(let first, let end):
            var result = ShapeLocation(isInside: false, distanceToBoundary: .infinity)
            for part in parts[Int(first)..<Int(end)] {
                let location = location(part, p)
                result.isInside = result.isInside || location.isInside
                result.distanceToBoundary = min(result.distanceToBoundary, location.distanceToBoundary)
            }
            return result
        }
    }

    @inline(__always)
    private func location(_ part: Part, _ p: GeoPoint) -> ShapeLocation {
        let q = part.frame.project(p)
        let found = locate(q, in: part)
        return EdgeScan.location(
            of: q, parity: found.parity, nearest: found.nearest, squaredDistance: found.squaredDistance,
            frame: part.frame)
    }

    /// `locate(index, p)` for a caller that needs the distance only when it is at most `limit`, or from inside
    /// when `fromInside`: the side is always exact, and the distance is exact or `nil`. It is `nil` only where
    /// a polygon's cell proves the distance greater than `limit` (outside), or the point inside and
    /// `fromInside` false; those points read no edge.
    public func locate(_ index: Int, _ p: GeoPoint, distanceWithin limit: Double, fromInside: Bool)
        -> (isInside: Bool, distanceToBoundary: Double?)
    {
        // A multipolygon's distance is the least over its parts, whichever holds the point: the bound of one
        // part's cell says nothing about it. Only single polygons take the short way.
        let part = parts[index]
        guard case .polygon = outlines[index] else {
            let location = locate(index, p)
            return (location.isInside, location.distanceToBoundary)
        }
        let q = part.frame.project(p)
        guard let grid = part.grid, let place = cells.place(grid, q) else {
            let location = location(part, p)
            return (location.isInside, location.distanceToBoundary)
        }
        switch cells.placement(place.cell) {
        case .inside where !fromInside: return (true, nil)
        case .outside where cells.lowerBound(place.cell) > limit: return (false, nil)
        default:
            let found = locate(q, in: part, grid: grid, at: place)
            let location = EdgeScan.location(
                of: q, parity: found.parity, nearest: found.nearest, squaredDistance: found.squaredDistance,
                frame: part.frame)
            return (location.isInside, location.distanceToBoundary)
        }
    }

    /// The full pass over the part's edges, or where the part has a cell at `q`, its candidate edges and its
    /// placement (the edges of its row for the parity where an edge crosses the cell).
    @inline(__always)
    private func locate(_ q: PlanePoint, in part: Part) -> (parity: Bool, nearest: PlanePoint, squaredDistance: Double)
    {
        guard let grid = part.grid, let place = cells.place(grid, q) else {
            return run.withScan(rings: part.rings) { $0.locate(q) }
        }
        return locate(q, in: part, grid: grid, at: place)
    }

    @inline(__always)
    private func locate(_ q: PlanePoint, in part: Part, grid: CellTable.Grid, at place: CellTable.Place)
        -> (parity: Bool, nearest: PlanePoint, squaredDistance: Double)
    {
        run.withScan(rings: part.rings) { scan in
            let base = Int(grid.firstPoint)
            let nearest =
                grid.isMasked
                ? scan.nearest(to: q, amongMask: cells.mask(place.cell), base: base)
                : cells.withEdges(place.cell) {
                    $0.isEmpty ? scan.nearest(to: q) : scan.nearest(to: q, among: $0, base: base)
                }
            let parity =
                switch cells.placement(place.cell) {
                case .inside: true
                case .outside: false
                case .crossed:
                    grid.isMasked
                        ? scan.parity(q, amongMask: cells.rowMask(place.row), base: base)
                        : cells.withRowEdges(place.row) { scan.parity(q, among: $0, base: base) }
                }
            return (parity, nearest.point, nearest.squared)
        }
    }
}
