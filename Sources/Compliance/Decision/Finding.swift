import Airspace
import Foundation

/// One reason in a decision: a zone or authorisation reason from the airspace, a position-integrity problem,
/// a reason of the live join, or a payload rule.
public struct Finding: Sendable, Hashable {
    /// `breach` blocks (or flags a fix), `warning` only warns, `redaction` changed what was forwarded.
    public enum Severity: String, Sendable, Hashable {
        case breach, warning, redaction
    }

    public var code: FindingCode
    public var severity: Severity
    public var subject: String?
    public var metres: Double?
    /// What ``detail`` is worded from.
    public var facts: FindingFacts

    public init(
        _ code: FindingCode, severity: Severity, subject: String? = nil, metres: Double? = nil,
        facts: FindingFacts = .none
    ) {
        self.code = code
        self.severity = severity
        self.subject = subject
        self.metres = metres
        self.facts = facts
    }

    init(_ reason: Reason, severity: Severity) {
        self.init(
            .airspace(reason.code), severity: severity, subject: reason.subject, metres: reason.metres,
            facts: .airspace(reason))
    }

    init(_ finding: PayloadFinding) {
        self.init(
            .payload(finding.code), severity: finding.effect == .redact ? .redaction : .breach,
            facts: .payload(finding.facts))
    }

    /// Identifies a finding across fixes: the same code about the same subject is the same condition.
    var key: FindingKey { FindingKey(code: code, subject: subject) }

    /// The facts in words, for people: made when the finding is printed, not when it is decided.
    public var detail: String { FindingDetail.words(code, facts) }
}

/// The same condition across fixes: a code about a subject.
struct FindingKey: Sendable, Hashable {
    var code: FindingCode
    var subject: String?
}
