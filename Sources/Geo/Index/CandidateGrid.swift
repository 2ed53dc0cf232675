/// Boxes filed in a uniform grid of cells, for the question the zone engine asks millions of times: which
/// zones can matter at this point?
///
/// Each entry has a box and a reach, the metres around its box within which it matters (a zone's warning
/// margin, say); it is filed, by value, in every cell that its box grown by its reach touches. A point's
/// own cell then lists every entry that can matter there, and more: one lookup and a short sequential scan,
/// where an ``RTree`` descends through a few dozen nodes scattered in memory. The caller measures what it
/// needs from there.
///
/// An entry that would fill too many cells (a city-wide operation area) goes to a small R-tree of its own.
/// Near the poles and the antimeridian ``search(around:_:)`` declines and the caller asks its own R-tree.
public struct CandidateGrid: Sendable {
    private let origin: (longitude: Double, latitude: Double)
    private let cellDegrees: (longitude: Double, latitude: Double)
    private let columns: Int
    private let rows: Int
    /// Cell `c`'s values are `cellValues[cellStarts[c]..<cellStarts[c + 1]]`, row by row, in entry order.
    private let cellStarts: [Int32]
    private let cellValues: [Int32]
    /// The entries too large for the grid, and the most any of them reaches.
    private let overflow: RTree
    private let overflowReach: Double
    /// That reach in degrees of latitude and of longitude, enough at every latitude the grid serves.
    private let overflowReachDegrees: (latitude: Double, longitude: Double)
    /// Points farther east or west than this are declined: a box across the antimeridian could reach them.
    private let longitudeLimit: Double

    /// The latitude beyond which the grid declines: the scale of a degree of longitude changes too fast there.
    static let highestLatitude = 79.0
    /// An entry that would be filed in more cells than this goes to the overflow tree.
    static let mostCellsPerEntry = 4096

    /// - Parameters:
    ///   - entries: boxes with their values and reaches (metres), in the order values should come back; a
    ///     value may come with several boxes.
    ///   - cellMetres: the side of a cell, about; grown when the entries' extent would need more than
    ///     `maximumCells`.
    ///   - filingBudget: the most cell entries in all; past it the entries that fill the most cells go to the
    ///     overflow tree, so that a bundle of many large zones cannot make the grid huge (or slow to build).
    public init(
        entries: [(box: BoundingBox, value: Int32, reach: Double)], cellMetres: Double, maximumCells: Int = 1 << 20,
        filingBudget: Int = 1 << 22
    ) {
        let grownBoxes = entries.map { Self.grown($0.box, byMetres: $0.reach) }
        let extent = grownBoxes.compactMap(\.self).reduce(nil as BoundingBox?) { $0?.union($1) ?? $1 }
        let scale = WGS84.metresPerDegree(atLatitude: extent?.center.latitude ?? 0)
        var cell = (longitude: cellMetres / scale.east, latitude: cellMetres / scale.north)
        let width = extent.map { $0.maxLongitude - $0.minLongitude } ?? 0
        let height = extent.map { $0.maxLatitude - $0.minLatitude } ?? 0
        let wanted = (width / cell.longitude + 1) * (height / cell.latitude + 1)
        if wanted > Double(maximumCells) {
            let factor = (wanted / Double(maximumCells)).squareRoot()
            cell = (cell.longitude * factor, cell.latitude * factor)
        }
        let origin = (longitude: extent?.minLongitude ?? 0, latitude: extent?.minLatitude ?? 0)
        let columns = extent == nil ? 0 : Int(width / cell.longitude) + 1
        let rows = extent == nil ? 0 : Int(height / cell.latitude) + 1

        // The cells each entry covers; too many, or beyond the latitudes served, and it overflows.
        var spans: [(columns: ClosedRange<Int>, rows: ClosedRange<Int>)?] = []
        var overflowing: [(box: BoundingBox, value: Int32)] = []
        var overflowReach = 0.0
        for (entry, grownBox) in zip(entries, grownBoxes) {
            var span: (columns: ClosedRange<Int>, rows: ClosedRange<Int>)?
            if let grownBox {
                let columnSpan = Self.cells(
                    grownBox.minLongitude...grownBox.maxLongitude, from: origin.longitude, by: cell.longitude,
                    count: columns)
                let rowSpan = Self.cells(
                    grownBox.minLatitude...grownBox.maxLatitude, from: origin.latitude, by: cell.latitude, count: rows)
                if columnSpan.count * rowSpan.count <= CandidateGrid.mostCellsPerEntry { span = (columnSpan, rowSpan) }
            }
            if span == nil {
                overflowing.append((entry.box, entry.value))
                overflowReach = max(overflowReach, entry.reach)
            }
            spans.append(span)
        }
        // Over the budget, the entries that fill the most cells overflow first.
        var filedTotal = spans.reduce(0) { $0 + ($1.map { $0.columns.count * $0.rows.count } ?? 0) }
        if filedTotal > filingBudget {
            let largestFirst = spans.indices.filter { spans[$0] != nil }.sorted {
                spans[$0]!.columns.count * spans[$0]!.rows.count > spans[$1]!.columns.count * spans[$1]!.rows.count
            }
            for index in largestFirst where filedTotal > filingBudget {
                filedTotal -= spans[index]!.columns.count * spans[index]!.rows.count
                spans[index] = nil
                overflowing.append((entries[index].box, entries[index].value))
                overflowReach = max(overflowReach, entries[index].reach)
            }
        }
        // Count, then fill: each cell's values end up in entry order.
        var starts = [Int32](repeating: 0, count: rows * columns + 1)
        for case let span? in spans {
            for row in span.rows { for column in span.columns { starts[row * columns + column + 1] += 1 } }
        }
        for c in 0..<(rows * columns) { starts[c + 1] += starts[c] }
        var next = starts
        var filed = [Int32](repeating: 0, count: Int(starts.last ?? 0))
        for (entry, span) in zip(entries, spans) {
            guard let span else { continue }
            for row in span.rows {
                for column in span.columns {
                    let c = row * columns + column
                    filed[Int(next[c])] = entry.value
                    next[c] += 1
                }
            }
        }
        self.origin = origin
        self.cellDegrees = cell
        self.columns = columns
        self.rows = rows
        self.cellStarts = starts
        self.cellValues = filed
        self.overflow = RTree(entries: overflowing)
        self.overflowReach = overflowReach
        let reachBox = Self.grown(BoundingBox(point: GeoPoint(latitude: 0, longitude: 0)), byMetres: overflowReach)
        let highest = Self.grown(
            BoundingBox(point: GeoPoint(latitude: CandidateGrid.highestLatitude, longitude: 0)), byMetres: overflowReach
        )
        self.overflowReachDegrees = (
            reachBox.map { $0.maxLatitude } ?? 90, highest.map { $0.maxLongitude } ?? 180
        )
        let widest = zip(entries, grownBoxes).reduce(0.0) { widest, pair in
            guard let grown = pair.1 else { return widest }
            return max(widest, pair.0.box.minLongitude - grown.minLongitude)
        }
        self.longitudeLimit = 180 - widest - 0.01
    }

    /// Cell entries filed in all (for tests of the budget).
    public var filedCount: Int { cellValues.count }

    /// The cells, along one axis, that a span of degrees touches.
    private static func cells(_ span: ClosedRange<Double>, from start: Double, by size: Double, count: Int)
        -> ClosedRange<Int>
    {
        func index(_ degrees: Double) -> Int { min(max(Int((degrees - start) / size), 0), count - 1) }
        return index(span.lowerBound)...index(span.upperBound)
    }

    /// A box grown by at least `metres` on every side, or `nil` when that reaches the latitudes the grid does
    /// not serve. The north scale is least at the equator, the east scale least at the highest latitude the
    /// grown box reaches; 2 % more covers the approximation.
    static func grown(_ box: BoundingBox, byMetres metres: Double) -> BoundingBox? {
        let dLat = metres / WGS84.metresPerDegree(atLatitude: 0).north * 1.02
        let highest = max(abs(box.minLatitude), abs(box.maxLatitude)) + dLat
        guard highest < CandidateGrid.highestLatitude + 1 else { return nil }
        let dLon = metres / WGS84.metresPerDegree(atLatitude: highest).east * 1.02
        return BoundingBox(
            minLongitude: box.minLongitude - dLon, minLatitude: box.minLatitude - dLat,
            maxLongitude: box.maxLongitude + dLon, maxLatitude: box.maxLatitude + dLat)
    }

    /// Calls `visit` with the value of every entry whose box lies within its reach of `point`, and maybe
    /// others, and returns true; or returns false, having visited nothing, when `point` is too near a pole or
    /// the antimeridian for the grid. A value may come more than once; those from the grid come first, in
    /// entry order.
    public func search(around point: GeoPoint, _ visit: (Int32) -> Void) -> Bool {
        guard abs(point.latitude) < CandidateGrid.highestLatitude, abs(point.longitude) < longitudeLimit else {
            return false
        }
        let column = Int(((point.longitude - origin.longitude) / cellDegrees.longitude).rounded(.down))
        let row = Int(((point.latitude - origin.latitude) / cellDegrees.latitude).rounded(.down))
        if column >= 0, column < columns, row >= 0, row < rows {
            let c = row * columns + column
            cellValues.withUnsafeBufferPointer { values in
                for k in Int(cellStarts[c])..<Int(cellStarts[c + 1]) { visit(values[k]) }
            }
        }
        if overflow.count > 0 {
            let (dLat, dLon) = overflowReachDegrees
            if abs(point.latitude) + dLat < 90, abs(point.longitude) + dLon < 180 {
                // The box that neither wraps nor reaches a pole, without the general expansion's trigonometry
                // and allocation on every query.
                overflow.search(
                    BoundingBox(
                        minLongitude: point.longitude - dLon, minLatitude: point.latitude - dLat,
                        maxLongitude: point.longitude + dLon, maxLatitude: point.latitude + dLat), visit)
            } else {
                for box in BoundingBox(point: point).expanded(byMetres: overflowReach * 1.02) {
                    overflow.search(box, visit)
                }
            }
        }
        return true
    }
}
