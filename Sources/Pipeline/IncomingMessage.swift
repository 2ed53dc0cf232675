/// One message as a broker delivered it: what every format's reader reads.
public struct IncomingMessage: Sendable {
    public var topic: String
    public var payload: [UInt8]
    /// Delivered as a retained message (a control order must not be).
    public var retained: Bool

    public init(topic: String, payload: [UInt8], retained: Bool = false) {
        self.topic = topic
        self.payload = payload
        self.retained = retained
    }
}
