public import Airspace
public import Foundation

/// What a decision gives the consumers, as values; ``DecisionPublisher`` writes the bytes and picks the topic.
public enum EgressContent: Sendable {
    /// A fix, with the assessment it was judged by and when it was checked.
    case telemetry(TelemetryFix, Assessment, checkedAt: Date)
    /// A payload as it was understood (normalised, small counts suppressed when redacted), for the stream its
    /// topic named.
    case payload([UInt8], stream: String)
}
