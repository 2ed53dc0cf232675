import StrictJSON

/// What the gateway decided about one message, as scored: the message's topic and payload digest, the verdict
/// (withhold with a reason and reject count as block, withhold without one as absorb) and the reason codes it gave (warnings are not reasons).
public struct ActualDecision: Sendable, Hashable {
    public var topic: String
    public var digest: String
    public var verdict: ExpectedVerdict
    public var reasons: [String]

    public init(topic: String, digest: String, verdict: ExpectedVerdict, reasons: [String]) {
        self.topic = topic
        self.digest = digest
        self.verdict = verdict
        self.reasons = reasons
    }

    /// The gateway's verdict word in scoring terms: forward, redact, or block for block, withhold and reject.
    public static func verdict(_ word: String) -> ExpectedVerdict? {
        switch word {
        case "forward": .forward
        case "redact": .redact
        case "block", "withhold", "reject": .block
        default: nil
        }
    }

    /// The verdict of a decision given its reasons: a `withhold` without a reason is ``ExpectedVerdict/absorb``
    /// (a status message read and kept, nothing to publish), with one (a replayed seq) a block.
    public static func verdict(_ word: String, reasons: [String]) -> ExpectedVerdict? {
        word == "withhold" && reasons.isEmpty ? .absorb : verdict(word)
    }

    /// Reads one line of `flowgate replay` output: `topic`, `digest`, `verdict`, `reasons` (codes, or objects
    /// with `code` and `severity`; warnings are left out) and the `rejection` code if any. Returns `nil` for a
    /// line that reports an unreadable recording line (`error`), which decides nothing.
    /// - Throws: ``ScoringInputError`` naming the field that is missing or wrong.
    public static func replayLine(_ line: String) throws(ScoringInputError) -> ActualDecision? {
        let object = try ScoringInputError.object(line)
        if object["error"] != nil { return nil }
        guard let topic = object["topic"]?.stringValue else {
            throw ScoringInputError(field: "topic", problem: "a string is required")
        }
        guard let digest = object["digest"]?.stringValue else {
            throw ScoringInputError(
                field: "digest", problem: "a string is required (the SHA-256 hex of the payload bytes)")
        }
        guard let word = object["verdict"]?.stringValue, verdict(word) != nil else {
            throw ScoringInputError(field: "verdict", problem: "must be forward, redact, block, withhold or reject")
        }
        var reasons: [String] = []
        for (index, reason) in (object["reasons"]?.arrayValue ?? []).enumerated() {
            if let code = reason.stringValue {
                reasons.append(code)
            } else if let code = reason["code"]?.stringValue {
                if reason["severity"]?.stringValue != "warning" { reasons.append(code) }
            } else {
                throw ScoringInputError(field: "reasons[\(index)]", problem: "expected a code or an object with a code")
            }
        }
        if let code = object["rejection"]?["code"]?.stringValue, !reasons.contains(code) { reasons.append(code) }
        guard let verdict = verdict(word, reasons: reasons) else {
            throw ScoringInputError(field: "verdict", problem: "must be forward, redact, block, withhold or reject")
        }
        return ActualDecision(topic: topic, digest: digest, verdict: verdict, reasons: reasons)
    }
}
