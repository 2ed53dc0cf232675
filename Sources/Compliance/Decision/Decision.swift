import Airspace
import Foundation

/// What the engine decided about one message, as values: the verdict, its findings, what goes to the consumers and
/// the events. ``DecisionPublisher`` turns it into the messages to publish; the record is written from the same
/// values.
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
    /// What the engine reports beside the verdict, in publishing order (after the egress message).
    public var events: [EngineEvent]
    /// What goes to the consumers: the normalised fix or payload, when the verdict publishes one.
    public var egress: EgressContent? = nil
    /// For a payload message: the stream its topic names, and the product when it was decoded.
    public var stream: String? = nil
    public var product: String? = nil
    /// For a forwarded or redacted payload: its cells, total count and suppressed cells, for the record.
    public var forwarded: PayloadSummary? = nil
    /// The mission the message names, once decoded.
    public var mission: String? = nil
    /// The accepted fix (forwarded or withheld by policy, not a replay): the record's track is made of these.
    public var fix: TelemetryFix? = nil
    /// An operator's release order that lifted a suspension.
    public var release: ReleaseOrder? = nil
}
