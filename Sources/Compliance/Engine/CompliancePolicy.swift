public import Foundation

/// What the compliance engine enforces and where it publishes: the limits and choices of the configuration.
public struct CompliancePolicy: Sendable, Hashable {
    /// Largest telemetry payload accepted, bytes.
    public var maximumBytes: Int = TelemetryDecoder.defaultMaximumBytes
    /// Faster than this between two fixes is a position-integrity problem, metres per second.
    public var maximumSpeed: Double = 40
    /// How far a fix's time may be ahead of the gateway's clock, seconds.
    public var maximumClockAhead: Double = 2
    /// How far a fix's time may be behind the gateway's clock, seconds.
    public var maximumClockBehind: Double = 30
    /// Whether a fix in breach is withheld from egress (else it is forwarded, flagged).
    public var withholdBreaches = false
    public var topics = TopicScheme()
    /// The content rules of the crowd-flow purpose for payload messages.
    public var payload = PayloadPolicy()
    /// A payload passes only while its drone's last accepted fix is at most this old, seconds (gateway clock).
    public var maximumFixAge: Double = 5
    /// Rule families in `observe` mode: what they would block is forwarded and reported as `would_block`.
    /// Empty: every family is enforced.
    public var observing: Set<RuleFamily> = []
    /// Operator name → the raw Ed25519 public key its release orders are signed with (`operators:`).
    public var operatorKeys: [String: Data] = [:]

    public init() {}
}
