/// One payload stream: a drone and the stream name of its topic.
public struct StreamKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var drone: String
    public var stream: String

    public init(drone: String, stream: String) {
        self.drone = drone
        self.stream = stream
    }

    public static func < (a: StreamKey, b: StreamKey) -> Bool { (a.drone, a.stream) < (b.drone, b.stream) }

    /// The stream as the engine and the record know it: its name, or the digest of a name that names
    /// identification (``SenderName/recorded(_:)``); a digest stays as it is.
    public var recorded: StreamKey {
        SenderName.isDigest(stream) ? self : StreamKey(drone: drone, stream: SenderName.recorded(stream))
    }
    public var description: String { "\(drone)/\(stream)" }
}
