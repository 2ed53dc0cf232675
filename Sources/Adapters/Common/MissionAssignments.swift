public import Compliance

/// Which mission each drone flies, from the configuration: foreign formats do not carry our mission ids, so
/// adapters attribute fixes through this map and refuse drones it does not name.
public struct MissionAssignments: Sendable, Hashable {
    public var missionByDrone: [String: String]

    public init(_ missionByDrone: [String: String]) {
        self.missionByDrone = missionByDrone
    }

    /// - Throws: a ``Rejection`` (`unknown_topic`) when the configuration names no mission for the drone:
    ///   an unattributed fix is never judged against somebody else's authorisation. The message does not repeat
    ///   the id, which may come from the payload (a Remote ID flight id).
    public func mission(for drone: String) throws(Rejection) -> String {
        guard let mission = missionByDrone[drone] else {
            throw Rejection(
                .unknownTopic, field: "drone",
                problem: "the drone has no mission in the adapter's drone-to-mission mapping")
        }
        return mission
    }
}

/// The drone id a foreign source uses (a serial number, a topic prefix, a flight id), checked to be safe as a
/// flowgate drone id: 1 to 64 letters, digits, `-`, `_` or `.`.
func validatedDroneID(_ text: String, field: String) throws(Rejection) -> String {
    guard (1...64).contains(text.utf8.count), (try? TopicPattern("x/{drone}"))?.drone(in: "x/\(text)") == text else {
        throw Rejection(.invalidField, field: field, problem: "must be 1 to 64 letters, digits, '-', '_' or '.'")
    }
    return text
}
