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
