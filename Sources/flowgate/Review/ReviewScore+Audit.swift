import Audit
import Foundation
import Simulation
import StrictJSON

/// The gateway's decisions as the audit record tells them, in the scorer's terms.
enum AuditDecisions {
    /// Scores the decisions recorded in the audit database at `audit` against `truth`.
    /// - Throws: ``AuditError`` when the file is not an audit log, ``ScoringInputError`` (with the record's seq)
    ///   when a decision record lacks its topic, digest or verdict.
    static func scorecard(truth: [TruthLine], audit: String) throws -> Scorecard {
        let records = try AuditReader(path: audit).records(RecordFilter(kinds: [.decision]))
        return Scorecard.score(truth: truth, actual: try actual(truth: truth, records: records))
    }

    /// One decision per truth message: its recorded decision or, when there is none, a plain forward; then the
    /// recorded decisions no truth message took.
    ///
    /// Records match truth messages by topic and digest. The same bytes can be sent twice (a replayed `seq`)
    /// and then only the copy that was not a plain forward has a record, so a record goes to the latest of the
    /// identical messages sent by its time (the gateway's clock at receipt, which trails the sending time by
    /// the latency: both read the same exercise clock, so 50 ms of slack covers rounding to milliseconds), never
    /// to one before a message already matched. (A second of slack matched byte-identical heartbeats, sent
    /// every second, to the next copy.)
    static func actual(truth: [TruthLine], records: [AuditRecord]) throws -> [ActualDecision] {
        var occurrences: [String: [Int]] = [:]
        for (index, line) in truth.enumerated() {
            occurrences["\(line.topic)\u{0}\(line.digest)", default: []].append(index)
        }
        var next: [String: Int] = [:]
        var matched: [Int: ActualDecision] = [:]
        var unmatched: [ActualDecision] = []
        for record in records {
            let decision = try decision(record)
            let key = "\(decision.topic)\u{0}\(decision.digest)"
            let candidates = occurrences[key] ?? []
            let first = next[key, default: 0]
            guard first < candidates.count else {
                unmatched.append(decision)
                continue
            }
            var chosen = first
            if let time = record.date {
                while chosen + 1 < candidates.count, truth[candidates[chosen + 1]].time <= time.addingTimeInterval(0.05)
                {
                    chosen += 1
                }
            }
            matched[candidates[chosen]] = decision
            next[key] = chosen + 1
        }
        let forwards = truth.enumerated().map { index, line in
            matched[index] ?? ActualDecision(topic: line.topic, digest: line.digest, verdict: .forward, reasons: [])
        }
        return forwards + unmatched
    }

    /// A `decision` record as a scored decision: `topic`, `verdict` and `reasons` from its body, the digest
    /// from its column (or its body).
    static func decision(_ record: AuditRecord) throws -> ActualDecision {
        let fields = record.fields
        func problem(_ field: String, _ text: String) -> ScoringInputError {
            ScoringInputError(field: "seq \(record.seq): \(field)", problem: text)
        }
        guard let topic = fields["topic"]?.stringValue else { throw problem("topic", "a string is required") }
        guard let digest = record.digest ?? fields["digest"]?.stringValue else {
            throw problem("digest", "a string is required (the SHA-256 hex of the payload bytes)")
        }
        var reasons: [String] = []
        for (index, reason) in (fields["reasons"]?.arrayValue ?? []).enumerated() {
            guard let code = reason.stringValue else { throw problem("reasons[\(index)]", "a code is required") }
            reasons.append(code)
        }
        // A withhold without a reason is a status message absorbed (a MAVLink heartbeat), not a block.
        guard let word = fields["verdict"]?.stringValue, let verdict = ActualDecision.verdict(word, reasons: reasons)
        else {
            throw problem("verdict", "must be forward, redact, block, withhold or reject")
        }
        return ActualDecision(topic: topic, digest: digest, verdict: verdict, reasons: reasons)
    }
}
