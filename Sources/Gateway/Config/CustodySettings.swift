/// The custody window (`custody:` in the configuration): how many messages, and how many bytes of them, the
/// gateway may hold at once between the drones' broker, which forgets a QoS 1 message once the gateway has
/// acknowledged it, and safety, which is the message's records committed to the record and its publications
/// acknowledged by the consumers' broker. A crash (SIGKILL, power loss) loses at most this; when it is full, the
/// gateway stops reading from the drones' broker, which keeps the rest in the gateway's session.
public struct CustodySettings: Sendable, Hashable {
    /// At most this many messages (default 256).
    public var messages = 256
    /// At most this many bytes of topic and payload, plus the last message taken in (default 8 MiB).
    public var bytes = 8 << 20

    public init() {}

    static let mostMessages = 65_536
    static let fewestBytes = 64 << 10
    static let mostBytes = 1 << 30

    /// How the `start` record states it, so that the `gap` after a crash can say what may have been lost.
    var recorded: [(String, Int)] { [("messages", messages), ("bytes", bytes)] }
}
