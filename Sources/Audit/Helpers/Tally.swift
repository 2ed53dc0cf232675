public import Foundation
import StrictJSON

/// Counts every message by drone, mission and verdict, and turns the counts into `tally` records every
/// `interval` and at stop. Plain forwards are not recorded one by one; their tallies are how review counts them.
public struct Tally: Sendable {
    /// Messages counted for one drone and mission since the last tally.
    public struct Counts: Sendable, Equatable {
        public var forwarded = 0
        public var redacted = 0
        /// Messages blocked (block, withhold, reject).
        public var blocked = 0
        /// Blocked messages per reason code; a message with two reasons counts under both.
        public var blockedByReason: [String: Int] = [:]

        public init() {}
    }

    private struct Key: Hashable {
        var drone: String
        var mission: String?
    }

    public let interval: TimeInterval
    private var counts: [Key: Counts] = [:]
    private var periodStart: Date?

    public init(interval: TimeInterval = 10) {
        self.interval = interval
    }

    /// Counts one message.
    public mutating func count(drone: String, mission: String?, verdict: AuditVerdict, reasons: [String], at time: Date)
    {
        if periodStart == nil { periodStart = time }
        var entry = counts[Key(drone: drone, mission: mission), default: Counts()]
        switch verdict {
        case .forward: entry.forwarded += 1
        case .redact: entry.redacted += 1
        case .block, .withhold, .reject:
            entry.blocked += 1
            for reason in Set(reasons) { entry.blockedByReason[reason, default: 0] += 1 }
        }
        counts[Key(drone: drone, mission: mission)] = entry
    }

    /// The tally records when `interval` has passed since the period began; empty otherwise.
    public mutating func due(at time: Date) -> [AuditEntry] {
        guard let periodStart, time.timeIntervalSince(periodStart) >= interval else { return [] }
        return drain(at: time)
    }

    /// The tally records for everything counted so far (call at stop), and a new period.
    public mutating func drain(at time: Date) -> [AuditEntry] {
        let start = periodStart ?? time
        let entries = counts.sorted { ($0.key.drone, $0.key.mission ?? "") < ($1.key.drone, $1.key.mission ?? "") }
            .map { key, counts in
                AuditEntry(
                    time: time, kind: .tally, drone: key.drone, mission: key.mission,
                    fields: Tally.fields(counts, from: start, to: time))
            }
        counts = [:]
        periodStart = nil
        return entries
    }

    static func fields(_ counts: Counts, from: Date, to: Date) -> JSONObject {
        let reasons = counts.blockedByReason.sorted { $0.key < $1.key }.map {
            (key: $0.key, value: JSONValue.number($0.value))
        }
        return [
            "forwarded": .number(counts.forwarded), "redacted": .number(counts.redacted),
            "blocked_total": .number(counts.blocked), "blocked": .object(JSONObject(reasons)),
            "period_start": .string(RecordTime.text(from)), "period_end": .string(RecordTime.text(to)),
        ]
    }
}
