public import Compliance
public import Foundation
import Geo

/// Decodes MAVLink messages as ArduPilot MAVProxy's mqtt module publishes them: topic `{prefix}/{MSG_TYPE}`,
/// the message's fields as a JSON object in raw MAVLink units, no system id in the payload.
///
/// The drone id is the prefix's `{drone}` level. `GLOBAL_POSITION_INT` becomes a fix; `HEARTBEAT` updates the
/// drone's armed state (base_mode bit 128), which later fixes carry. Any other message type is refused: the
/// gateway should subscribe to these two only.
///
/// Time: MAVLink's `time_boot_ms` counts from the autopilot's boot, so the fix is stamped with the gateway's
/// receive time, and `seq` is `time_boot_ms` (it rises while the autopilot runs; after a reboot the engine
/// sees replayed sequence numbers until it passes the old count).
///
/// A value with one owner: it keeps per-drone state, so exactly one caller (the gateway's actor, a replay
/// loop) decodes all of a fleet's messages in order.
public struct MAVLinkJSONAdapter: Sendable {
    public var prefix: TopicPattern
    public var missions: MissionAssignments
    public var maximumBytes: Int
    /// The armed state from each drone's latest HEARTBEAT.
    public private(set) var armedByDrone: [String: Bool] = [:]

    /// What one message did.
    public enum Outcome: Sendable, Hashable {
        /// A GLOBAL_POSITION_INT, as a fix.
        case telemetry(AdaptedTelemetry)
        /// A HEARTBEAT: the drone's armed state, now recorded; nothing to forward.
        case heartbeat(drone: String, armed: Bool)
    }

    /// MAV_TYPE_GCS: heartbeats of a ground station relayed on the same prefix say nothing about the aircraft.
    static let groundStationType = 6
    static let unknownHeading = 65_535.0

    /// - Parameter prefix: the topic levels before the message type, with one `{drone}` level
    ///   (`mavlink/{drone}`).
    public init(
        prefix: TopicPattern, missions: MissionAssignments, maximumBytes: Int = TelemetryDecoder.defaultMaximumBytes
    ) {
        self.prefix = prefix
        self.missions = missions
        self.maximumBytes = maximumBytes
    }

    /// - Parameter receivedAt: the gateway's clock when the message arrived; it becomes the fix's time.
    /// - Throws: a ``Rejection`` for an unknown topic or message type, an unmapped drone, a missing, mistyped or
    ///   out-of-range field, or a position of exactly 0/0 (no fix).
    public mutating func decode(topic: String, payload: some Collection<UInt8>, receivedAt: Date) throws(Rejection)
        -> Outcome
    {
        guard let slash = topic.lastIndex(of: "/"), let drone = prefix.drone(in: String(topic[..<slash])) else {
            throw Rejection(.unknownTopic, field: "topic", problem: "does not match the MAVLink prefix \(prefix)")
        }
        let messageType = String(topic[topic.index(after: slash)...])
        guard messageType == "HEARTBEAT" || messageType == "GLOBAL_POSITION_INT" else {
            throw Rejection(
                .unknownTopic, field: "topic",
                problem: "MAVLink message type is not one flowgate reads (HEARTBEAT, GLOBAL_POSITION_INT)")
        }
        let mission = try missions.mission(for: drone)
        let fields = try MessageFields.parse(payload, maximumBytes: maximumBytes)
        // pymavlink's to_dict() adds the type's name; when present it must agree with the topic.
        if fields.has("mavpackettype"), try fields.string("mavpackettype") != messageType {
            throw Rejection(.invalidField, field: "mavpackettype", problem: "differs from the topic's message type")
        }
        if messageType == "HEARTBEAT" {
            let armed = try Self.armed(fields)
            if try fields.integer("type", in: 0...255) != Self.groundStationType { armedByDrone[drone] = armed }
            return .heartbeat(drone: drone, armed: armed)
        }
        let fix = try Self.globalPosition(fields, drone: drone, mission: mission, receivedAt: receivedAt)
        return .telemetry(AdaptedTelemetry(fix: fix, source: .mavlinkJSON, armed: armedByDrone[drone]))
    }

    static func armed(_ fields: MessageFields) throws(Rejection) -> Bool {
        for key in ["autopilot", "system_status", "mavlink_version"] { _ = try fields.integer(key, in: 0...255) }
        _ = try fields.integer("custom_mode", in: 0...4_294_967_295)
        return try fields.integer("base_mode", in: 0...255) & 128 != 0
    }

    /// GLOBAL_POSITION_INT: lat/lon degE7, alt mm above MSL, vx/vy/vz cm/s (north, east, down), hdg cdeg.
    static func globalPosition(_ fields: MessageFields, drone: String, mission: String, receivedAt: Date)
        throws(Rejection) -> TelemetryFix
    {
        let int32 = -2_147_483_648.0...2_147_483_647.0, int16 = -32_768.0...32_767.0
        let bootMilliseconds = try fields.integer("time_boot_ms", in: 0...4_294_967_295)
        let latitude = Double(try fields.integer("lat", in: -900_000_000...900_000_000)) / 1e7
        let longitude = Double(try fields.integer("lon", in: -1_800_000_000...1_800_000_000)) / 1e7
        guard latitude != 0 || longitude != 0 else {
            throw Rejection(
                .invalidField, field: "lat", problem: "lat and lon are both 0: the autopilot reports no position fix")
        }
        let altitude = Double(try fields.integer("alt", in: int32)) / 1_000
        _ = try fields.integer("relative_alt", in: int32)
        let north = Double(try fields.integer("vx", in: int16)) / 100
        let east = Double(try fields.integer("vy", in: int16)) / 100
        let down = Double(try fields.integer("vz", in: int16)) / 100
        let heading = Double(try fields.integer("hdg", in: 0...65_535))
        guard heading == unknownHeading || heading < 36_000 else {
            throw Rejection(.invalidField, field: "hdg", problem: "out of range 0...35999 (65535 = unknown)")
        }
        guard (-1_000...100_000).contains(altitude) else {
            throw Rejection(.invalidField, field: "alt", problem: "out of range -1000...100000 m")
        }
        return TelemetryFix(
            drone: drone, mission: mission, seq: UInt64(bootMilliseconds), time: receivedAt,
            position: GeoPoint(latitude: latitude, longitude: longitude), altitude: altitude,
            altitudeReference: .amsl,
            velocity: .init(
                groundSpeed: (north * north + east * east).squareRoot(),
                track: heading == unknownHeading ? nil : heading / 100, verticalSpeed: -down))
    }
}
