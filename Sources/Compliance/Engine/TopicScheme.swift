/// The topics of the MQTT contract.
public struct TopicScheme: Sendable, Hashable {
    public var telemetry = try! TopicPattern("fleet/{drone}/telemetry")
    public var compliantTelemetry = try! TopicPattern("compliant/{drone}/telemetry")
    public var events = try! TopicPattern("flowgate/events/{drone}")
    public var payload = try! TopicPattern("fleet/{drone}/payload/{stream}")
    public var compliantPayload = try! TopicPattern("compliant/{drone}/payload/{stream}")
    /// Where operators release suspended streams; only the operator role may write it (shipped ACLs).
    public var control = "flowgate/control/streams"

    /// The events level used for messages whose topic names no drone.
    public static let unattributed = "_unattributed"

    public init() {}
}
