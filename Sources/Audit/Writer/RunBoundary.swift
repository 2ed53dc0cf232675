import Foundation
import StrictJSON

/// How a run ended, read from the end of the chain.
enum RunBoundary {
    /// Whether `tail` (the last records, oldest first) ends a run cleanly: a `stop`, optionally sealed by a
    /// checkpoint.
    static func endsCleanly(_ tail: [AuditRecord]) -> Bool {
        guard let last = tail.last else { return true }
        if last.kindValue == .stop { return true }
        return last.kindValue == .checkpoint && tail.dropLast().last?.kindValue == .stop
    }

    /// The `gap` record for a log whose previous run did not end cleanly (a crash, a kill or a power loss). A
    /// tail that was cut is no gap: ``OpeningCheck`` finds it, and the record goes on in a successor file.
    static func gap(after tail: [AuditRecord], now: Date) -> AuditEntry? {
        guard !endsCleanly(tail), let last = tail.last else { return nil }
        let fields: JSONObject = [
            "reason": .string("the previous run ended without a stop record (crash, kill or power loss)"),
            "previous_seq": .number(Int(last.seq)), "previous_time": .string(last.time),
            "previous_kind": .string(last.kind),
        ]
        return AuditEntry(time: now, kind: .gap, fields: fields)
    }
}
