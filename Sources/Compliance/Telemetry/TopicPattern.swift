/// An MQTT topic with one `{drone}` placeholder standing for a whole level, like `fleet/{drone}/telemetry`:
/// it matches incoming topics and builds outgoing ones.
public struct TopicPattern: Sendable, Hashable, CustomStringConvertible {
    public let levels: [String]
    let droneLevel: Int

    /// - Throws: ``TopicPatternError`` when the pattern has no `{drone}` level, more than one, or MQTT
    ///   wildcards.
    public init(_ text: String) throws(TopicPatternError) {
        let levels = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let drones = levels.indices.filter { levels[$0] == "{drone}" }
        guard drones.count == 1 else {
            throw TopicPatternError(pattern: text, problem: "needs exactly one level that is {drone}")
        }
        guard !levels.contains(where: { $0.contains("+") || $0.contains("#") || $0.isEmpty }) else {
            throw TopicPatternError(pattern: text, problem: "levels must be non-empty and free of MQTT wildcards")
        }
        self.levels = levels
        droneLevel = drones[0]
    }

    /// The drone a topic names, or `nil` when the topic does not match.
    public func drone(in topic: String) -> String? {
        let parts = topic.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == levels.count else { return nil }
        for (index, part) in parts.enumerated() where index != droneLevel && part != levels[index] { return nil }
        let drone = String(parts[droneLevel])
        guard (1...64).contains(drone.utf8.count), drone.utf8.allSatisfy(Fields.isIdentifierByte) else { return nil }
        return drone
    }

    /// The topic for one drone.
    public func topic(for drone: String) -> String {
        var parts = levels
        parts[droneLevel] = drone
        return parts.joined(separator: "/")
    }

    /// The MQTT subscription matching every drone's topic (`fleet/+/telemetry`).
    public var subscription: String { topic(for: "+") }

    public var description: String { levels.joined(separator: "/") }
}

public struct TopicPatternError: Error, Sendable, Hashable, CustomStringConvertible {
    public var pattern: String
    public var problem: String
    public var description: String { "topic pattern '\(pattern)' \(problem)" }
}
