public import Foundation

/// Sums what was forwarded per drone, mission, stream and product, and turns the sums into `payload_summary`
/// records every `interval` and at stop, as ``Tally`` does for verdicts. With an interval of 0 every forwarded
/// payload gets its own record. A stream that sends several grids a second then costs the record one row per
/// second instead of one per message, and says the same: how much was forwarded, never what.
public struct PayloadSummaries: Sendable {
    private struct Key: Hashable, Comparable {
        var drone: String
        var mission: String?
        var stream: String
        var product: String

        static func < (a: Key, b: Key) -> Bool {
            (a.drone, a.stream, a.product, a.mission ?? "") < (b.drone, b.stream, b.product, b.mission ?? "")
        }
    }

    private struct Sums {
        var messages = 0
        var cells = 0
        var totalCount = 0
        var suppressedCells = 0
    }

    public let interval: TimeInterval
    private var sums: [Key: Sums] = [:]
    private var periodStart: Date?

    public init(interval: TimeInterval = 1) {
        self.interval = interval
    }

    /// Adds one forwarded payload.
    public mutating func add(
        drone: String, mission: String?, stream: String, product: String, cells: Int, totalCount: Int,
        suppressedCells: Int, at time: Date
    ) {
        if periodStart == nil { periodStart = time }
        let key = Key(drone: drone, mission: mission, stream: stream, product: product)
        var entry = sums[key, default: Sums()]
        entry.messages += 1
        entry.cells += cells
        entry.totalCount += totalCount
        entry.suppressedCells += suppressedCells
        sums[key] = entry
    }

    /// The summary records when `interval` has passed since the period began (at once for an interval of 0).
    public mutating func due(at time: Date) -> [AuditEntry] {
        guard let periodStart, time.timeIntervalSince(periodStart) >= interval else { return [] }
        return drain(at: time)
    }

    /// The summary records for everything added so far (call at stop), and a new period. A period of one
    /// message (an interval of 0) is recorded as that message alone, without a period.
    public mutating func drain(at time: Date) -> [AuditEntry] {
        let start = periodStart ?? time
        defer {
            sums = [:]
            periodStart = nil
        }
        return sums.sorted { $0.key < $1.key }.map { key, sums in
            .payloadSummary(
                time: time, drone: key.drone, mission: key.mission, stream: key.stream, product: key.product,
                cells: sums.cells, totalCount: sums.totalCount, suppressedCells: sums.suppressedCells,
                period: interval > 0 ? (messages: sums.messages, start: start, end: time) : nil)
        }
    }
}
