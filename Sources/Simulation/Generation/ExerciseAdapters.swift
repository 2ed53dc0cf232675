/// What a gateway needs to judge an exercise whose drones speak foreign formats: the `adapters:` section of
/// its configuration. The simulator does not depend on the gateway, so this is the section's content (and its
/// YAML); the gateway's `AdapterSettings` is built from it in one step (see `Simulator/README.md`).
public struct ExerciseAdapters: Sendable, Hashable {
    /// The MAVProxy prefix the simulator publishes under: `{prefix}/HEARTBEAT`, `{prefix}/GLOBAL_POSITION_INT`.
    public static let mavlinkPrefix = "mavlink/{drone}"
    /// The per-drone Remote ID aircraft-state topic.
    public static let remoteIDTopic = "rid/{drone}/state"

    /// Drone id → mission for every drone that does not publish native telemetry (foreign formats carry no
    /// mission id).
    public var missions: [String: String]
    /// Whether a drone publishes DJI Cloud API `thing/product/{sn}/osd` (no dock's `drc/up` channel).
    public var djiCloudAPI: Bool
    /// The MAVLink prefix pattern, when a drone publishes MAVLink.
    public var mavlinkPrefix: String?
    /// The Remote ID topic pattern, when a drone publishes Remote ID.
    public var remoteIDTopic: String?

    public init(drones: [DroneSpec]) {
        let foreign = drones.filter { $0.format != .native }
        missions = Dictionary(foreign.map { ($0.id, $0.mission) }, uniquingKeysWith: { first, _ in first })
        let formats = Set(foreign.map(\.format))
        djiCloudAPI = formats.contains(.djiCloudAPI)
        mavlinkPrefix = formats.contains(.mavlinkJSON) ? Self.mavlinkPrefix : nil
        remoteIDTopic = formats.contains(.remoteID) ? Self.remoteIDTopic : nil
    }

    /// Whether every drone publishes native telemetry (no adapter is needed).
    public var isEmpty: Bool { missions.isEmpty }

    /// The `adapters:` section as configuration YAML (empty when no adapter is needed), drones in id order.
    public var yaml: String {
        guard !isEmpty else { return "" }
        var lines = ["adapters:", "  missions:"]
        lines += missions.keys.sorted().map { "    \($0): \(missions[$0]!)" }
        if djiCloudAPI { lines.append("  dji_cloud_api: {}   # thing/product/{aircraft_sn}/osd") }
        if let mavlinkPrefix { lines.append("  mavlink_json: {prefix: \"\(mavlinkPrefix)\"}") }
        if let remoteIDTopic { lines.append("  remote_id: {topic: \"\(remoteIDTopic)\"}") }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension Exercise {
    /// The adapters the gateway needs for this exercise's drones.
    public var adapters: ExerciseAdapters { ExerciseAdapters(drones: scenario.drones) }
}
