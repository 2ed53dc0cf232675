import ArgumentParser
import Audit
import Foundation
import Simulation
import StrictJSON

/// The gateway's decisions as the audit record tells them, in the scorer's terms.
enum AuditDecisions {
    /// Scores the decisions recorded in the audit databases at `audit` against a truth file, read twice as it
    /// streams (``RecordedDecisions/scorecard(truth:recorded:)``): memory grows with the record's decisions, not
    /// with the truth.
    /// - Throws: ``AuditError`` when the file is not an audit log, ``ScoringInputError`` (with the record's seq)
    ///   when a decision record lacks its topic, digest or verdict; ``ExitCode/cannotRun`` (after naming the file and line) when
    ///   the truth cannot be read or a line of it does not parse.
    static func scorecard(truth file: TruthFile, audit: [String]) throws -> Scorecard {
        // Several records (one per instance of a cluster): each message was decided in one of them; merged by time.
        var recorded: [(Date?, ActualDecision)] = []
        var gaps = RecordedGaps()
        for path in audit {
            // One pass: the decisions, and the `seq_gap` events that say which fixes were never decided.
            for record in try AuditReader(path: path).records(RecordFilter(kinds: [.decision, .event])) {
                if record.kindValue == .decision {
                    recorded.append((record.date, try decision(record)))
                    continue
                }
                let fields = record.fields
                guard fields["event"]?.stringValue == "seq_gap", let drone = fields["drone"]?.stringValue,
                    case .number(let confirmed)? = fields["confirmed_seq"], let confirmedSeq = confirmed.intValue,
                    case .number(let next)? = fields["next_seq"], let nextSeq = next.intValue
                else { continue }
                gaps.add(drone: drone, confirmedSeq: confirmedSeq, nextSeq: nextSeq)
            }
        }
        if audit.count > 1 {
            recorded.sort { ($0.0 ?? .distantPast) < ($1.0 ?? .distantPast) }
        }
        let card = RecordedDecisions.scorecard(truth: { file }, recorded: recorded, gaps: gaps)
        if let problem = file.problem {
            StandardError.print(problem)
            throw ExitCode.cannotRun
        }
        return card
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
