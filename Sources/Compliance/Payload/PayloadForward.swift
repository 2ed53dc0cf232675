public import StrictJSON

/// What is published for a forwarded or redacted payload message, with the numbers the audit records.
public struct PayloadForward: Sendable, Equatable {
    /// Cells in the product: rows * cols for a density grid, the listed cells for a flow grid, 1 for a count,
    /// 0 for a route or imagery.
    public var cells: Int
    /// The sum of the forwarded counts (suppressed ones excluded); `nil` for a product without counts.
    public var totalCount: Int?
    /// How many cells had their count suppressed.
    public var suppressedCells: Int
    /// The decoded values the message is rebuilt from, and the cells suppressed (row-major indices).
    let envelope: PayloadEnvelope
    let sensor: SensorGeometry?
    let data: ProductData
    let suppressed: [Int]

    /// The normalised message's text: rebuilt from the decoded values only, so nothing flowgate did not
    /// understand passes. Suppressed counts are `null`, and the product's data lists them (see
    /// `Docs/REASON_CODES.md`, "Payload rules"). Written straight into bytes: building a tree first cost more than
    /// judging the payload.
    public var bytes: [UInt8] { PayloadNormaliser.bytes(self) }

    /// ``bytes`` read back as a tree, for readers (replay, tests); the gateway publishes the bytes.
    public var message: JSONObject {
        // The writer's own output is valid JSON: parsing it cannot fail.
        (try? JSONParser.parse(bytes).objectValue) ?? [:]
    }
}

/// Builds the normalised message of a decoded payload.
enum PayloadNormaliser {
    static func forward(
        _ envelope: PayloadEnvelope, sensor: SensorGeometry?, data: ProductData, suppressed: [Int]
    ) -> PayloadForward {
        let hidden = suppressedMask(suppressed, data: data)
        var cells = 0
        var total: Int?
        switch data {
        case .crowdCount(_, _, let count):
            (cells, total) = (1, hidden?[0] == true ? 0 : count)
        case .crowdDensity(_, let counts):
            cells = counts.count
            var sum = 0
            for index in counts.indices where hidden?[index] != true { sum += counts[index] }
            total = sum
        case .crowdFlow(let grid, let flows):
            var sum = 0
            for cell in flows where hidden?[cell.row * grid.columns + cell.column] != true { sum += cell.count }
            (cells, total) = (flows.count, sum)
        case .routeEstimate, .frame, .clip:
            break
        }
        return PayloadForward(
            cells: cells, totalCount: total, suppressedCells: suppressed.count, envelope: envelope, sensor: sensor,
            data: data, suppressed: suppressed)
    }

    /// Which cells are suppressed, by row-major index; `nil` when none is (the usual case: no set to hash into).
    static func suppressedMask(_ suppressed: [Int], data: ProductData) -> [Bool]? {
        guard !suppressed.isEmpty else { return nil }
        let size: Int
        switch data {
        case .crowdDensity(_, let counts): size = counts.count
        case .crowdFlow(let grid, _): size = grid.rows * grid.columns
        default: size = 1
        }
        var mask = [Bool](repeating: false, count: max(size, (suppressed.max() ?? 0) + 1))
        for index in suppressed where index >= 0 { mask[index] = true }
        return mask
    }
}
