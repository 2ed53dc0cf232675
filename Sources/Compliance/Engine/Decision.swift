import Airspace
import Foundation

/// What the engine decided about one message, and everything it would publish because of it.
public struct Decision: Sendable {
    public enum Verdict: String, Sendable, Hashable, CaseIterable {
        /// Published to egress with its compliance attached (compliant, warned or, by default, in breach).
        case forward
        /// Decoded and attributed but not published: a replay, or a breach under the withholding policy.
        case withhold
        /// Not decoded or not attributed: fail closed, never published.
        case reject
        /// A payload published with small counts suppressed.
        case redact
        /// A payload not published: a purpose, aggregation, optics or geofence rule, or its stream suspended.
        case block
    }

    public var verdict: Verdict
    /// The drone the topic names, when it names one.
    public var drone: String?
    /// The compliance state of a decoded fix; `nil` for a rejected message.
    public var state: ComplianceState?
    /// Why the state is what it is, breaches and integrity problems first, then warnings.
    public var findings: [Finding]
    /// Why a message was rejected.
    public var rejection: Rejection?
    /// The egress message and the events, in publishing order.
    public var publications: [Publication]
    /// For a payload message: the stream its topic names, and the product when it was decoded.
    public var stream: String? = nil
    public var product: String? = nil
    /// For a forwarded or redacted payload: its cells, total count and suppressed cells, for the record.
    public var forwarded: PayloadSummary? = nil
    /// The mission the message names, once decoded.
    public var mission: String? = nil
    /// The accepted fix (forwarded or withheld by policy, not a replay): the record's track is made of these.
    public var fix: TelemetryFix? = nil
}

/// compliant, warning (within a margin) or breach.
public enum ComplianceState: String, Sendable, Hashable, CaseIterable {
    case compliant
    case warning
    case breach
}

/// One reason in a decision: a zone or authorisation reason from the airspace, or a position-integrity problem.
public struct Finding: Sendable, Hashable {
    /// `breach` blocks (or flags a fix), `warning` only warns, `redaction` changed what was forwarded.
    public enum Severity: String, Sendable, Hashable {
        case breach, warning, redaction
    }

    public var code: String
    public var severity: Severity
    public var subject: String?
    public var metres: Double?
    public var detail: String

    public init(code: String, severity: Severity, subject: String? = nil, metres: Double? = nil, detail: String) {
        self.code = code
        self.severity = severity
        self.subject = subject
        self.metres = metres
        self.detail = detail
    }

    init(_ reason: Reason, severity: Severity) {
        self.init(
            code: reason.code.rawValue, severity: severity, subject: reason.subject, metres: reason.metres,
            detail: reason.detail)
    }

    /// Identifies a finding across fixes: the same code about the same subject is the same condition.
    var key: String { "\(code)/\(subject ?? "")" }
}

/// Position-integrity problems: the fix itself is implausible.
public enum IntegrityCode: String, Sendable, Hashable, CaseIterable {
    /// Moved faster than the configured maximum since the previous fix.
    case implausibleSpeed = "implausible_speed"
    /// Time stamped further ahead of the gateway's clock than allowed.
    case clockAhead = "clock_ahead"
    /// Time stamped further behind the gateway's clock than allowed.
    case clockBehind = "clock_behind"
    /// A sequence number not above the last one accepted: a repeated or old message.
    case replayedSeq = "replayed_seq"
}

/// The numbers of a forwarded payload message that the record keeps instead of its content.
public struct PayloadSummary: Sendable, Hashable {
    public var cells: Int
    public var totalCount: Int?
    public var suppressedCells: Int
}

/// A message to publish.
public struct Publication: Sendable, Hashable {
    public var topic: String
    public var payload: [UInt8]
    public var qos: Int
    public var retain: Bool
    /// The compliant copy of what came in (telemetry or payload on the consumers' topics), as opposed to what
    /// flowgate itself says (events, status): a gateway may deliver it with the QoS it arrived with.
    public var isForward: Bool

    public init(topic: String, payload: [UInt8], qos: Int, retain: Bool = false, isForward: Bool = false) {
        self.topic = topic
        self.payload = payload
        self.qos = qos
        self.retain = retain
        self.isForward = isForward
    }
}
