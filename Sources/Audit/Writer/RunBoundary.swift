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

    /// The `gap` record for a log whose previous run did not end cleanly, or whose tail was cut
    /// (`counter`, the number of records ever written, is beyond the last row).
    static func gap(after tail: [AuditRecord], counter: Int64, now: Date) -> AuditEntry? {
        let lastSeq = tail.last?.seq ?? 0
        guard !endsCleanly(tail) || counter > lastSeq else { return nil }
        var fields: JSONObject = [
            "reason": .string("the previous run ended without a stop record (crash, kill or power loss)"),
            "previous_seq": .number(Int(lastSeq)),
        ]
        if let last = tail.last {
            fields["previous_time"] = .string(last.time)
            fields["previous_kind"] = .string(last.kind)
        }
        if counter > lastSeq {
            fields["reason"] = .string("records after the last one were removed from the file")
            fields["missing_from_seq"] = .number(Int(lastSeq + 1))
            fields["missing_to_seq"] = .number(Int(counter))
        }
        return AuditEntry(time: now, kind: .gap, fields: fields)
    }
}
