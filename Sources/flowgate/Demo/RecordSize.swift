import Foundation
import Simulation

/// How large an exercise's record came out, against the size the documentation promises: per drone-hour of
/// telemetry, and per stream-hour of payload (forwarded payloads are summed per stream each second, so a
/// stream adds at most one record a second whatever its rate). Faults must not push a record past it: a
/// persistent problem is a few transition events, not one per message (Docs/REASON_CODES.md).
struct RecordSize {
    let bytes: Int
    let records: Int
    /// Decision records: every message not plainly forwarded (blocked, redacted, withheld) has one.
    let decisions: Int
    /// Hours of publishing summed over the drones, and over their payload streams.
    let droneHours: Double
    let streamHours: Double

    /// The documented sizes (Docs/RECORD.md, "Size per exercise"): a drone's telemetry decimated to one track
    /// record a second with a tally every 10 s, one stream's payload summaries at one a second, and a decision
    /// record for each message not plainly forwarded. Events are not in it: they must stay few.
    static let bytesPerDroneHour = 1.6e6
    static let bytesPerStreamHour = 1.5e6
    static let bytesPerDecision = 400.0

    init(scenario: Scenario, bytes: Int, records: Int, decisions: Int) {
        self.bytes = bytes
        self.records = records
        self.decisions = decisions
        let hours = scenario.drones.map { ($0.stop ?? scenario.duration) / 3600 }
        droneHours = hours.reduce(0, +)
        streamHours = zip(scenario.drones, hours).reduce(0) { $0 + Double($1.0.streams.count) * $1.1 }
    }

    /// What the documentation allows this exercise's record.
    var budget: Double {
        droneHours * RecordSize.bytesPerDroneHour + streamHours * RecordSize.bytesPerStreamHour + Double(decisions)
            * RecordSize.bytesPerDecision
    }

    var isWithinBudget: Bool { Double(bytes) <= budget }

    var line: String {
        func megabytes(_ value: Double) -> String { String(format: "%.2f MB", value / 1e6) }
        return "Record size: \(megabytes(Double(bytes))), \(records) records (\(decisions) decisions), for "
            + String(format: "%.1f drone-hours and %.1f stream-hours", droneHours, streamHours) + ": "
            + "\(megabytes(Double(bytes) / max(droneHours, 1e-9))) per drone-hour; "
            + "the documented budget is \(megabytes(budget)) (\(isWithinBudget ? "within" : "OVER"))"
    }
}
