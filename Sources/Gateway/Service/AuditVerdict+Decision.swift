import Audit
import Compliance

extension AuditVerdict {
    /// The recorded verdict of a decision: every verdict has its own, so a new one fails to compile here instead
    /// of being recorded as something else.
    init(_ verdict: Decision.Verdict) {
        switch verdict {
        case .forward: self = .forward
        case .withhold: self = .withhold
        case .reject: self = .reject
        case .redact: self = .redact
        case .block: self = .block
        }
    }
}

extension TrackState {
    init(_ state: ComplianceState) {
        switch state {
        case .compliant: self = .compliant
        case .warning: self = .warning
        case .breach: self = .breach
        }
    }
}
