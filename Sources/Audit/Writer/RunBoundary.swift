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
    /// - Parameters:
    ///   - previousStart: the `start` record of the run that ended so; its `custody` field (the gateway's
    ///     custody window) is the most that run can have lost, copied as `may_have_lost_at_most`.
    ///   - confirmed: per drone, the `seq` through which that run had made everything safe
    ///     (``ConfirmedProgress``), copied as `confirmed_seq`.
    static func gap(after tail: [AuditRecord], previousStart: AuditRecord?, confirmed: [String: UInt64], now: Date)
        -> AuditEntry?
    {
        guard !endsCleanly(tail), let last = tail.last else { return nil }
        var fields: JSONObject = [
            "reason": .string("the previous run ended without a stop record (crash, kill or power loss)"),
            "previous_seq": .number(Int(last.seq)), "previous_time": .string(last.time),
            "previous_kind": .string(last.kind),
        ]
        let startFields = previousStart?.body.flatMap { try? JSONParser.parse(Array($0.utf8)).objectValue }
        if let custody = startFields?["custody"] { fields["may_have_lost_at_most"] = custody }
        if !confirmed.isEmpty {
            fields["confirmed_seq"] = .object(
                JSONObject(confirmed.sorted { $0.key < $1.key }.map { ($0.key, .number(Double($0.value))) }))
        }
        return AuditEntry(time: now, kind: .gap, fields: fields)
    }
}
