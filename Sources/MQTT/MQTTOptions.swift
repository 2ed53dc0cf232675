public import Foundation

/// How to connect to one broker.
public struct MQTTOptions: Sendable, Hashable {
    public var host: String
    public var port: Int
    public var clientID: String
    public var username: String?
    public var password: String?
    /// Seconds between keep-alive pings.
    public var keepAlive: Int = 30
    /// `false` keeps the session at the broker while the client is away, so QoS 1 and 2 messages published
    /// meanwhile wait for it (needs a fixed client id).
    public var cleanSession: Bool = true
    /// A message the broker publishes if the client goes away without disconnecting.
    public var will: MQTTMessage?
    public var tls: TLS?
    /// Reconnection waits from `reconnectDelay.lowerBound` seconds, doubling up to its upper bound.
    public var reconnectDelay: ClosedRange<Int> = 1...30
    /// Other nodes of the same broker cluster: when the current address has been unreachable for
    /// ``switchAfter`` seconds, the client moves on to the next one, in turn (see ``MQTTClient``).
    public var alternates: [BrokerAddress] = []
    /// Seconds without a connection after which the client tries the next of its addresses.
    public var switchAfter: Double = 3
    /// How long `connect()` waits for the broker's acknowledgement, seconds.
    public var connectTimeout: Double = 10
    /// How many received messages may wait for the consumer before the client stops reading from the broker;
    /// `nil` for no bound.
    public var maximumBufferedMessages: Int?
    /// When set, every received message is admitted to this window before libmosquitto acknowledges it, and the
    /// network thread waits while the window is full (see ``CustodyWindow``); the consumer releases each message.
    public var custody: CustodyWindow?

    public struct TLS: Sendable, Hashable {
        public var caFile: String
        public var certificateFile: String?
        public var keyFile: String?

        public init(caFile: String, certificateFile: String? = nil, keyFile: String? = nil) {
            self.caFile = caFile
            self.certificateFile = certificateFile
            self.keyFile = keyFile
        }
    }

    public init(host: String, port: Int, clientID: String) {
        self.host = host
        self.port = port
        self.clientID = clientID
    }
}

/// One MQTT message.
public struct MQTTMessage: Sendable, Hashable {
    public var topic: String
    public var payload: [UInt8]
    public var qos: Int
    public var retain: Bool
    /// When the client took a received message off the network (`nil` for a message to send).
    public var receivedAt: Date?

    public init(topic: String, payload: [UInt8], qos: Int = 0, retain: Bool = false) {
        self.topic = topic
        self.payload = payload
        self.qos = qos
        self.retain = retain
    }

    /// The bytes a ``CustodyWindow`` counts for it: its topic and its payload.
    public var custodySize: Int { topic.utf8.count + payload.count }
}

/// What happens to a client's connection.
public enum MQTTConnectionEvent: Sendable, Hashable {
    case connected
    /// Lost; libmosquitto reconnects by itself. The code is libmosquitto's reason.
    case disconnected(code: Int32)
    /// Unreachable for ``MQTTOptions/switchAfter`` seconds: the client now tries this other address.
    case trying(BrokerAddress)
}
