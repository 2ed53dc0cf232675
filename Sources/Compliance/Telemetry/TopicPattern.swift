/// An MQTT topic with one `{drone}` placeholder standing for a whole level, like `fleet/{drone}/telemetry`, and
/// optionally one `{stream}` level, like `fleet/{drone}/payload/{stream}`: it matches incoming topics and builds
/// outgoing ones.
public struct TopicPattern: Sendable, Hashable, CustomStringConvertible {
    public let levels: [String]
    let droneLevel: Int
    let streamLevel: Int?

    /// - Throws: ``TopicPatternError`` when the pattern has no `{drone}` level, more than one, more than one
    ///   `{stream}` level, or MQTT wildcards.
    public init(_ text: String) throws(TopicPatternError) {
        let levels = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let drones = levels.indices.filter { levels[$0] == "{drone}" }
        guard drones.count == 1 else {
            throw TopicPatternError(pattern: text, problem: "needs exactly one level that is {drone}")
        }
        let streams = levels.indices.filter { levels[$0] == "{stream}" }
        guard streams.count <= 1 else {
            throw TopicPatternError(pattern: text, problem: "may have at most one level that is {stream}")
        }
        guard !levels.contains(where: { $0.contains("+") || $0.contains("#") || $0.isEmpty }) else {
            throw TopicPatternError(pattern: text, problem: "levels must be non-empty and free of MQTT wildcards")
        }
        self.levels = levels
        droneLevel = drones[0]
        streamLevel = streams.first
    }

    /// Whether the pattern has a `{stream}` level.
    public var hasStream: Bool { streamLevel != nil }

    /// The drone a topic names, or `nil` when the topic does not match.
    public func drone(in topic: String) -> String? {
        match(topic)?.drone
    }

    /// The drone and (for a pattern with `{stream}`) the stream a topic names, or `nil` when it does not match.
    /// Both must be identifiers: a level that is not cannot be attributed.
    public func match(_ topic: String) -> (drone: String, stream: String?)? {
        // Level by level over the text, without splitting it into an array first: every message is matched.
        var drone: Substring?
        var stream: Substring?
        var rest = topic[...]
        for (index, expected) in levels.enumerated() {
            let end = rest.utf8.firstIndex(of: UInt8(ascii: "/")) ?? rest.endIndex
            let part = rest[..<end]
            if index == droneLevel {
                drone = part
            } else if index == streamLevel {
                stream = part
            } else if part != expected {
                return nil
            }
            if index == levels.count - 1 {
                // The topic must end with the pattern's last level.
                guard end == rest.endIndex else { return nil }
            } else {
                guard end < rest.endIndex else { return nil }
                rest = rest[rest.utf8.index(after: end)...]
            }
        }
        func identifier(_ part: Substring?) -> String? {
            guard let part, Fields.isIdentifier(part.utf8) else { return nil }
            return String(part)
        }
        guard let drone = identifier(drone) else { return nil }
        guard streamLevel != nil else { return (drone, nil) }
        guard let stream = identifier(stream) else { return nil }
        return (drone, stream)
    }

    /// The topic for one drone (and stream, for a pattern with `{stream}`).
    public func topic(for drone: String, stream: String? = nil) -> String {
        var parts = levels
        parts[droneLevel] = drone
        if let streamLevel { parts[streamLevel] = stream ?? "+" }
        return parts.joined(separator: "/")
    }

    /// The MQTT subscription matching every drone's topic (`fleet/+/telemetry`, `fleet/+/payload/+`).
    public var subscription: String { topic(for: "+", stream: "+") }

    public var description: String { levels.joined(separator: "/") }
}

public struct TopicPatternError: Error, Sendable, Hashable, CustomStringConvertible {
    public var pattern: String
    public var problem: String
    public var description: String { "topic pattern '\(pattern)' \(problem)" }
}
