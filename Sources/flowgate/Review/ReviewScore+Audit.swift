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

    /// One decision per truth message: its recorded decision (matched by topic and digest, repeats in order)
    /// or, when there is none, a plain forward; then the recorded decisions no truth message took.
    static func actual(truth: [TruthLine], records: [AuditRecord]) throws -> [ActualDecision] {
        var recorded: [String: [ActualDecision]] = [:]
        var order: [String] = []
        for record in records {
            let decision = try decision(record)
            let key = "\(decision.topic)\u{0}\(decision.digest)"
            if recorded[key] == nil { order.append(key) }
            recorded[key, default: []].append(decision)
        }
        var taken: [String: Int] = [:]
        var result: [ActualDecision] = []
        result.reserveCapacity(truth.count)
        for line in truth {
            let key = "\(line.topic)\u{0}\(line.digest)"
            let position = taken[key, default: 0]
            if let queue = recorded[key], position < queue.count {
                result.append(queue[position])
                taken[key] = position + 1
            } else {
                result.append(ActualDecision(topic: line.topic, digest: line.digest, verdict: .forward, reasons: []))
            }
        }
        for key in order {
            result += recorded[key]!.dropFirst(taken[key, default: 0])
        }
        return result
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
        guard let word = fields["verdict"]?.stringValue, let verdict = ActualDecision.verdict(word) else {
            throw problem("verdict", "must be forward, redact, block, withhold or reject")
        }
        var reasons: [String] = []
        for (index, reason) in (fields["reasons"]?.arrayValue ?? []).enumerated() {
            guard let code = reason.stringValue else { throw problem("reasons[\(index)]", "a code is required") }
            reasons.append(code)
        }
        return ActualDecision(topic: topic, digest: digest, verdict: verdict, reasons: reasons)
    }
}
