/// Polygon parts cut into square cells of their own frames, each cell knowing in advance what a point in it
/// needs of the part's edges: whether it is inside or outside (unless an edge passes through the cell), and
/// which few edges can be the nearest one; and each row of cells knowing the few edges that a ray along it
/// can cross.
///
/// A query that walked every edge of every zone near it read about 165 edges, most of them from large
/// operation areas of dozens of corners; with a cell it reads the two or three edges that can be nearest.
/// The answers stay exactly those of the full pass (``EdgeScan``):
/// - A cell whose centre lies farther than its half diagonal (plus the boundary tolerance) from every edge
///   holds no point of any edge, so every point in it is on the centre's side, farther than the tolerance
///   from the boundary: the full pass would find the same parity and no edge within the tolerance.
/// - For a point q in a cell of centre c and half diagonal h, with d₀ the distance from c to its nearest
///   edge: that edge is at most d₀ + h from q, and an edge farther than d₀ + 2h from c is farther than
///   d₀ + h from q. So the edges within d₀ + 2h of c hold every nearest edge of every point of the cell; kept
///   in ring order, the first nearest one is the full pass's.
/// - The even-odd rule counts the edges that cross the ray east from q, and only an edge that spans q's
///   latitude can: those of q's row of cells, in any order.
/// - Every point of a cell lies at least d₀ − h from the outline (plane metres), so a cell also keeps a lower
///   bound on the distance the full pass would measure from any of its points (on the ellipsoid, through
///   ``LocalFrame/distance(_:_:)``): a caller that needs a distance only when it is small enough skips the
///   edges where the bound already exceeds it.
/// A little slack on each bound covers rounding.
struct CellTable: Sendable {
    /// Where a cell lies relative to its part.
    enum Placement: UInt32 {
        case outside = 0
        case inside = 1
        /// An edge may pass through the cell: its points need the full pass for their side.
        case crossed = 2
    }

    /// One part's cells, row by row over its box grown by its reach.
    struct Grid {
        let minX: Double
        let minY: Double
        let side: Double
        let columns: Int32
        let rows: Int32
        /// Its first cell in ``cells``.
        let firstCell: Int32
        /// Its first row in ``rows``.
        let firstRow: Int32
        /// Its part's first point in the ``RingRun``, from which its edges are numbered.
        let firstPoint: Int32
        /// Whether its edges are numbered below 64, so that a cell and a row name theirs in one 64-bit mask
        /// (``Cell/mask``, ``rowMasks``) instead of a list elsewhere: one place less to read.
        let isMasked: Bool
    }

    /// One cell: its placement in the top two bits of `word` and the start of its candidate edges in ``edges``
    /// below; the least distance, metres, from any of its points to the outline (0 for a crossed cell); and in
    /// a masked grid, its candidate edges as bits (bit k: the edge from the grid's first point + k).
    struct Cell {
        let word: UInt32
        let lowerBound: Float
        var mask: UInt64 = 0
    }

    /// Where a point is in a grid: its cell and its row.
    struct Place {
        let cell: Int
        let row: Int
    }

    private(set) var grids: [Grid] = []
    /// Every grid's cells; the word after a cell gives where its edges end, so one closing cell follows the
    /// last.
    private(set) var cells: [Cell] = [Cell(word: 0, lowerBound: 0)]
    /// Each cell's candidate nearest edges, as point offsets from its grid's first point, in ring order.
    private(set) var edges: [UInt16] = []
    /// Per row of cells, the start of the edges that span its latitudes in ``rowEdges``; one closing word.
    private(set) var rows: [UInt32] = [0]
    private(set) var rowEdges: [UInt16] = []
    /// Per row of a masked grid, the edges that span its latitudes as bits, from the grid's `firstRow`.
    private(set) var rowMasks: [UInt64] = []
    /// Edges read to build the cells so far.
    private var edgeReads = 0

    /// The least side of a cell, metres: smaller cells would cost memory and building time for little.
    static let smallestSide = 100.0
    /// The most cells one part is cut into.
    static let mostCellsPerPart = 16_384
    /// Building a cell reads every edge of its part once: a part gets at most this many cells × edges (a
    /// national zone of 2,000 corners gets coarse cells), and a table at most ``mostEdgeReads`` in all (past
    /// it, parts are read whole), so that loading a bundle stays well under a second.
    static let mostEdgeReadsPerPart = 1 << 20
    static let mostEdgeReads = 1 << 25
    /// Parts with fewer edges are read whole: their few edges cost less than a cell.
    static let fewestEdges = 12
    /// A cell of an unmasked grid with more candidate nearest edges than this, and than half its part's edges,
    /// keeps none, and its points read every edge: reading a long list and its scattered edges costs about what
    /// the whole run of edges costs, and memory.
    static let mostCandidates = 8
    private static let startMask: UInt32 = (1 << 30) - 1

    /// Cuts the part made of `rings` of `scan` into cells over its box grown by `reach` metres, and returns
    /// the new grid's number; `nil` when the part is too small to gain from it or too large for the table.
    /// - Parameter frame: the part's frame, whose distances the cells' lower bounds bound.
    mutating func add(_ scan: EdgeScan, frame: LocalFrame, reach: Double) -> Int32? {
        let firstPoint = Int(scan.bounds[scan.rings.lowerBound])
        let endPoint = Int(scan.bounds[scan.rings.upperBound])
        let edgeCount = endPoint - firstPoint - scan.rings.count
        guard edgeCount >= CellTable.fewestEdges, endPoint - firstPoint <= Int(UInt16.max),
            edges.count < Int(CellTable.startMask) - CellTable.mostCellsPerPart * edgeCount
        else { return nil }
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for k in firstPoint..<endPoint {
            let p = scan.points[k]
            minX = min(minX, p.x)
            minY = min(minY, p.y)
            maxX = max(maxX, p.x)
            maxY = max(maxY, p.y)
        }
        let grow = max(reach, 0) + Shape.boundaryTolerance + 1
        minX -= grow
        minY -= grow
        let width = maxX + grow - minX, height = maxY + grow - minY
        let mostCells = max(1, min(CellTable.mostCellsPerPart, CellTable.mostEdgeReadsPerPart / edgeCount))
        let side = max(CellTable.smallestSide, (width * height / Double(mostCells)).squareRoot())
        let columns = Int((width / side).rounded(.up)), rows = Int((height / side).rounded(.up))
        guard edgeReads + columns * rows * edgeCount <= CellTable.mostEdgeReads else { return nil }
        edgeReads += columns * rows * edgeCount
        let isMasked = endPoint - firstPoint - 1 <= UInt64.bitWidth
        let grid = Grid(
            minX: minX, minY: minY, side: side, columns: Int32(columns), rows: Int32(rows),
            firstCell: Int32(cells.count - 1), firstRow: Int32(isMasked ? rowMasks.count : self.rows.count - 1),
            firstPoint: Int32(firstPoint), isMasked: isMasked)
        cells.removeLast()
        // Room for this grid's cells, growing geometrically: reserving just enough for each grid copied the
        // whole table once per grid.
        if cells.capacity < cells.count + columns * rows + 1 {
            cells.reserveCapacity(max(cells.count + columns * rows + 1, 2 * cells.capacity))
        }
        let halfDiagonal = side * 0.5.squareRoot() * (1 + 1e-9) + 1e-6
        let shrink = Self.distanceShrink(
            frame, minX: minX, minY: minY, maxX: minX + Double(columns) * side, maxY: minY + Double(rows) * side)
        var squared = [Double](repeating: 0, count: endPoint - firstPoint)
        var cornerLeast = squared
        for row in 0..<rows {
            for column in 0..<columns {
                let centre = PlanePoint(
                    x: minX + (Double(column) + 0.5) * side, y: minY + (Double(row) + 0.5) * side)
                let start = UInt32(edges.count)
                let (placement, planeBound) = addCell(
                    centre: centre, side: side, halfDiagonal: halfDiagonal, scan: scan, firstPoint: firstPoint,
                    edgeCount: edgeCount,
                    squared: &squared, cornerLeast: &cornerLeast, keepsAll: isMasked)
                var cell = Cell(
                    word: placement.rawValue << 30 | start, lowerBound: Self.roundedDown(planeBound * shrink))
                if isMasked {
                    // The list just filed, never cut short for a mask (see ``mostCandidates``), as bits.
                    cell.mask = edges[Int(start)...].reduce(0) { $0 | 1 << UInt64($1) }
                    edges.removeLast(edges.count - Int(start))
                }
                cells.append(cell)
            }
        }
        cells.append(Cell(word: UInt32(edges.count), lowerBound: 0))
        addRows(rows, minY: minY, side: side, scan: scan, firstPoint: firstPoint, isMasked: isMasked)
        grids.append(grid)
        return Int32(grids.count - 1)
    }

    /// Files the candidate edges of the cell around `centre` and returns its placement, with the least plane
    /// distance from any of its points to an edge (0 when crossed).
    private mutating func addCell(
        centre: PlanePoint, side: Double, halfDiagonal: Double, scan: EdgeScan, firstPoint: Int, edgeCount: Int,
        squared: inout [Double], cornerLeast: inout [Double], keepsAll: Bool = false
    ) -> (Placement, Double) {
        var parity = false
        var nearest = Double.infinity
        for r in scan.rings {
            let start = Int(scan.bounds[r]), end = Int(scan.bounds[r + 1])
            for k in start..<(end - 1) {
                let a = scan.points[k], b = scan.points[k + 1]
                if Edge.crossesRay(from: centre, a, b) { parity.toggle() }
                let d = Edge(from: a, to: b).nearest(to: centre).squaredDistance
                squared[k - firstPoint] = d
                nearest = min(nearest, d)
            }
        }
        let d0 = nearest.squareRoot()
        let limit = (d0 + 2 * halfDiagonal) * (1 + 1e-9) + 1e-6
        let limitSquared = limit * limit
        let placement: Placement =
            d0 <= halfDiagonal + Shape.boundaryTolerance + 1e-6 ? .crossed : parity ? .inside : .outside
        // Of the edges within d₀ + 2h of the centre, keep those that can be nearest somewhere in the cell: an
        // edge farther from every point of the cell than another edge is from the cell's farthest point never
        // is (nor ties). The least of those farthest distances first, then each edge's least distance to
        // the cell against it.
        let reach = side / 2 * (1 + 1e-9) + 1e-6
        // The half diagonal of that slightly grown square: an edge farther than it from the centre cannot cross.
        let crossingReach = reach * 2.0.squareRoot() * (1 + 1e-9)
        var nearestFarthest = Double.infinity
        for r in scan.rings {
            let start = Int(scan.bounds[r]), end = Int(scan.bounds[r + 1])
            for k in start..<(end - 1) where squared[k - firstPoint] <= limitSquared {
                let corners = Self.cornerDistances(
                    Edge(from: scan.points[k], to: scan.points[k + 1]), centre: centre, reach: reach)
                nearestFarthest = min(nearestFarthest, corners.greatest)
                cornerLeast[k - firstPoint] = corners.least
            }
        }
        let keepWithin = nearestFarthest.squareRoot() * (1 + 1e-9) + 1e-6
        let first = edges.count
        for r in scan.rings {
            let start = Int(scan.bounds[r]), end = Int(scan.bounds[r + 1])
            for k in start..<(end - 1) where squared[k - firstPoint] <= limitSquared {
                // Farther from the centre than the half diagonal, the edge cannot cross the cell: its least
                // distance to it is from one of its ends to the cell, or from one of the cell's corners to it.
                if squared[k - firstPoint] > crossingReach * crossingReach {
                    func toCell(_ p: PlanePoint) -> Double {
                        let dx = max(abs(p.x - centre.x) - reach, 0), dy = max(abs(p.y - centre.y) - reach, 0)
                        return dx * dx + dy * dy
                    }
                    let least = min(toCell(scan.points[k]), toCell(scan.points[k + 1]), cornerLeast[k - firstPoint])
                    if least.squareRoot() > keepWithin { continue }
                }
                edges.append(UInt16(k - firstPoint))
            }
        }
        let mostKept = max(CellTable.mostCandidates, (edgeCount + 1) / 2)
        if !keepsAll, edges.count - first > mostKept { edges.removeLast(edges.count - first) }
        // The slack covers the rounding of d₀ and of the point's projection.
        let bound = placement == .crossed ? 0 : max(0, (d0 - halfDiagonal) * (1 - 1e-6) - 1e-3)
        return (placement, bound)
    }

    /// The least and the greatest squared distance from a corner of the square of half side `reach` around
    /// `centre` to `edge`: the greatest is the edge's farthest from any point of the square (the distance to
    /// a segment is convex).
    private static func cornerDistances(_ edge: Edge, centre: PlanePoint, reach: Double)
        -> (least: Double, greatest: Double)
    {
        let a = edge.nearest(to: PlanePoint(x: centre.x - reach, y: centre.y - reach)).squaredDistance
        let b = edge.nearest(to: PlanePoint(x: centre.x + reach, y: centre.y - reach)).squaredDistance
        let c = edge.nearest(to: PlanePoint(x: centre.x + reach, y: centre.y + reach)).squaredDistance
        let d = edge.nearest(to: PlanePoint(x: centre.x - reach, y: centre.y + reach)).squaredDistance
        return (min(a, b, c, d), max(a, b, c, d))
    }

    /// A factor no larger than the ratio of ``LocalFrame/distance(_:_:)`` to the plane distance between any
    /// two points of the box: the frame corrects each axis by 1 + slope × (mid latitude offset), and within
    /// the box that offset is at most its farthest latitude from the origin. 0 where the frame measures on
    /// the ellipsoid instead (a box beyond the corrected span, or near a pole): there the cells bound nothing.
    static func distanceShrink(_ frame: LocalFrame, minX: Double, minY: Double, maxX: Double, maxY: Double)
        -> Double
    {
        let span = LocalFrame.correctedSpan * 0.9
        let farthestLatitude = max(abs(minY), abs(maxY)) / frame.metresPerDegreeNorth
        guard abs(frame.origin.latitude) < 79, farthestLatitude < span / 2,
            (maxX - minX) / frame.metresPerDegreeEast < span
        else { return 0 }
        let slope = max(abs(frame.eastScaleSlope), abs(frame.northScaleSlope))
        return max(0, 1 - slope * farthestLatitude * 1.01 - 1e-9)
    }

    /// The largest `Float` not above `value`.
    static func roundedDown(_ value: Double) -> Float {
        let rounded = Float(value)
        return Double(rounded) > value ? rounded.nextDown : rounded
    }

    /// Files, for each of `count` rows from `minY`, the edges whose latitudes overlap the row's.
    private mutating func addRows(
        _ count: Int, minY: Double, side: Double, scan: EdgeScan, firstPoint: Int, isMasked: Bool
    ) {
        rows.removeLast()
        let slack = side * 1e-6 + 1e-6
        for row in 0..<count {
            let start = rowEdges.count
            if !isMasked { rows.append(UInt32(start)) }
            let low = minY + Double(row) * side - slack, high = minY + Double(row + 1) * side + slack
            for r in scan.rings {
                let start = Int(scan.bounds[r]), end = Int(scan.bounds[r + 1])
                for k in start..<(end - 1) {
                    let a = scan.points[k].y, b = scan.points[k + 1].y
                    if max(a, b) >= low, min(a, b) <= high { rowEdges.append(UInt16(k - firstPoint)) }
                }
            }
            if isMasked {
                rowMasks.append(rowEdges[start...].reduce(0) { $0 | 1 << UInt64($1) })
                rowEdges.removeLast(rowEdges.count - start)
            }
        }
        rows.append(UInt32(rowEdges.count))
    }

    /// The cell and row of grid `g` that hold `q`, or `nil` when `q` is outside the grid.
    @inline(__always)
    func place(_ g: Grid, _ q: PlanePoint) -> Place? {
        let column = (q.x - g.minX) / g.side, row = (q.y - g.minY) / g.side
        guard column >= 0, row >= 0, column < Double(g.columns), row < Double(g.rows) else { return nil }
        return Place(cell: Int(g.firstCell) + Int(row) * Int(g.columns) + Int(column), row: Int(g.firstRow) + Int(row))
    }

    @inline(__always)
    func placement(_ cell: Int) -> Placement {
        Placement(rawValue: cells[cell].word >> 30) ?? .crossed
    }

    /// The least distance, metres, from any point of `cell` to its part's outline, as the full pass measures
    /// it: 0 when an edge may cross the cell.
    @inline(__always)
    func lowerBound(_ cell: Int) -> Double {
        Double(cells[cell].lowerBound)
    }

    /// The candidate nearest edges of `cell` of a masked grid, as bits.
    @inline(__always)
    func mask(_ cell: Int) -> UInt64 {
        cells[cell].mask
    }

    /// The edges that span the latitudes of `row` (of a masked grid), as bits.
    @inline(__always)
    func rowMask(_ row: Int) -> UInt64 {
        rowMasks[row]
    }

    /// Calls `body` with the candidate nearest edges of `cell` of an unmasked grid, as point offsets from the
    /// grid's first point in the ``RingRun``.
    @inline(__always)
    func withEdges<Result>(_ cell: Int, _ body: (UnsafeBufferPointer<UInt16>) -> Result) -> Result {
        let start = Int(cells[cell].word & CellTable.startMask), end = Int(cells[cell + 1].word & CellTable.startMask)
        return edges.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// Calls `body` with the edges that span the latitudes of `row` of an unmasked grid, as for
    /// ``withEdges(_:_:)``.
    @inline(__always)
    func withRowEdges<Result>(_ row: Int, _ body: (UnsafeBufferPointer<UInt16>) -> Result) -> Result {
        let start = Int(rows[row]), end = Int(rows[row + 1])
        return rowEdges.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }
}
