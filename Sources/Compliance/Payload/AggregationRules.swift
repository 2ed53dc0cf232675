import Foundation

/// The aggregation floors: cells no smaller than `min_cell_m`, and counts from 1 to k-1 suppressed.
enum AggregationRules {
    /// The findings about a product, and the row-major indices of the cells to suppress (for a `crowd_count`,
    /// index 0 is its one count).
    static func check(_ data: ProductData, policy: PayloadPolicy) -> (findings: [PayloadFinding], suppressed: [Int]) {
        let floor = policy.minimumCellSize
        var findings: [PayloadFinding] = []
        var suppressed: [Int] = []
        let small = 1..<max(1, policy.suppressionThreshold)
        switch data {
        case .crowdCount(_, let radius, let count):
            // The counted area must be at least one cell: a count over a few square metres locates persons.
            if Double.pi * radius * radius < floor * floor {
                findings.append(PayloadFinding(.cellTooSmall, .countedAreaTooSmall(minimumCell: floor)))
            }
            if small.contains(count) { suppressed = [0] }
        case .crowdDensity(let grid, let counts):
            findings += cellSize(grid, floor: floor)
            suppressed = counts.indices.filter { small.contains(counts[$0]) }
        case .crowdFlow(let grid, let cells):
            findings += cellSize(grid, floor: floor)
            suppressed = cells.filter { small.contains($0.count) }.map { $0.row * grid.columns + $0.column }.sorted()
        case .routeEstimate, .frame, .clip:
            break
        }
        if !suppressed.isEmpty {
            findings.append(
                PayloadFinding(
                    .smallCountSuppressed,
                    .smallCountsSuppressed(cells: suppressed.count, threshold: policy.suppressionThreshold)))
        }
        return (findings, suppressed)
    }

    static func cellSize(_ grid: CellGrid, floor: Double) -> [PayloadFinding] {
        guard grid.cellSize < floor else { return [] }
        return [PayloadFinding(.cellTooSmall, .gridCellsTooSmall(minimumCell: floor))]
    }
}

/// Numbers in findings' words: integers without a fraction, others with two decimals.
enum PayloadNumber {
    static func text(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(format: "%.2f", value)
    }

    /// Rounded up to the hundredth, so that a value just over a limit never reads as the limit.
    static func over(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        return String(format: "%.2f", (value * 100).rounded(.up) / 100)
    }
}
