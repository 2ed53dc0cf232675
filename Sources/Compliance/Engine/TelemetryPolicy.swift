/// What the telemetry engine enforces and where it publishes: the limits and choices of the configuration.
public struct TelemetryPolicy: Sendable, Hashable {
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

    public init() {}
}

/// The topics of the MQTT contract.
public struct TopicScheme: Sendable, Hashable {
    public var telemetry = try! TopicPattern("fleet/{drone}/telemetry")
    public var compliantTelemetry = try! TopicPattern("compliant/{drone}/telemetry")
    public var events = try! TopicPattern("flowgate/events/{drone}")

    /// The events level used for messages whose topic names no drone.
    public static let unattributed = "_unattributed"

    public init() {}
}
