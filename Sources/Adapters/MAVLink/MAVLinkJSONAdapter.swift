public import Compliance
public import Foundation
import Geo

/// Decodes MAVLink messages as ArduPilot MAVProxy's mqtt module publishes them: topic `{prefix}/{MSG_TYPE}`,
/// the message's fields as a JSON object in raw MAVLink units, no system id in the payload.
///
/// The drone id is the prefix's `{drone}` level. `GLOBAL_POSITION_INT` becomes a fix; `HEARTBEAT` updates the
/// drone's armed state (base_mode bit 128), which later fixes carry; `SYSTEM_TIME` places the autopilot's boot
/// clock on the calendar. Any other message type is refused: the gateway should subscribe to these three only.
///
/// Time: MAVLink's `time_boot_ms` counts from the autopilot's boot. Once a `SYSTEM_TIME` has said which Unix
/// time a boot-clock reading was, a fix's time is the autopilot's own (its boot clock, anchored), so the clock
/// and speed checks judge the drone's clock exactly as for a native fix, and network jitter does not enter.
/// Without an anchor (none yet, the autopilot has no time, or it rebooted since: a reading under half the
/// anchor's) the fix is stamped with the gateway's receive time. `seq` is `time_boot_ms` (it rises while the autopilot runs; after a reboot the
/// engine sees replayed sequence numbers until it passes the old count).
///
/// A value with one owner: it keeps per-drone state, so exactly one caller (the gateway's actor, a replay
/// loop) decodes all of a fleet's messages in order.
public struct MAVLinkJSONAdapter: Sendable {
    public var prefix: TopicPattern
    public var missions: MissionAssignments
    public var maximumBytes: Int
    /// The armed state from each drone's latest HEARTBEAT.
    public private(set) var armedByDrone: [String: Bool] = [:]
    /// Each drone's boot clock on the calendar, from its latest `SYSTEM_TIME` with a time.
    public private(set) var bootClockByDrone: [String: BootClock] = [:]

    /// Where an autopilot's boot clock sits on the calendar.
    public struct BootClock: Sendable, Hashable {
        /// Unix time of the boot, in microseconds: `time_unix_usec - time_boot_ms * 1000` of a `SYSTEM_TIME`.
        public var bootMicroseconds: Int64
        /// The `time_boot_ms` of that `SYSTEM_TIME`: a later reading under half of it means the autopilot
        /// rebooted.
        public var anchorBootMilliseconds: Int

        /// The calendar time of a boot-clock reading, or `nil` when the reading is from a later boot: one under
        /// half the anchor's, the rule the engine applies to `seq` (``ComplianceEngine``'s restart). A reading a
        /// little below the anchor is an old message of this boot (a replay, or one overtaken on the way): it
        /// keeps its own, older time, and the anchor stays, so a replayed fix cannot push the drone's next fixes
        /// onto the gateway's arrival clock (where two of them could land on the same instant and look like an
        /// impossible jump).
        public func time(bootMilliseconds: Int) -> Date? {
            guard bootMilliseconds >= anchorBootMilliseconds / 2 else { return nil }
            return Date(timeIntervalSince1970: Double(bootMicroseconds + Int64(bootMilliseconds) * 1_000) / 1e6)
        }
    }

    /// What one message did.
    public enum Outcome: Sendable, Hashable {
        /// A GLOBAL_POSITION_INT, as a fix.
        case telemetry(AdaptedTelemetry)
        /// A HEARTBEAT: the drone's armed state, now recorded; nothing to forward.
        case heartbeat(drone: String, armed: Bool)
        /// A SYSTEM_TIME: the drone's boot clock, now placed (`nil`: the autopilot has no time); nothing to forward.
        case systemTime(drone: String, clock: BootClock?)
    }

    /// The message types flowgate reads, in the order a subscription lists them.
    public static let messageTypes = ["HEARTBEAT", "SYSTEM_TIME", "GLOBAL_POSITION_INT"]
    /// `time_unix_usec` up to 2100-01-01: a larger value is not a time.
    static let latestUnixMicroseconds = 4_102_444_800_000_000.0

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

    /// - Parameter receivedAt: the gateway's clock when the message arrived; it becomes the fix's time when the
    ///   drone's boot clock is not placed.
    /// - Throws: a ``Rejection`` for an unknown topic or message type, an unmapped drone, a missing, mistyped or
    ///   out-of-range field, or a position of exactly 0/0 (no fix).
    public mutating func decode(topic: String, payload: some Collection<UInt8>, receivedAt: Date) throws(Rejection)
        -> Outcome
    {
        guard let slash = topic.lastIndex(of: "/"), let drone = prefix.drone(in: String(topic[..<slash])) else {
            throw Rejection(.unknownTopic, field: "topic", problem: "does not match the MAVLink prefix \(prefix)")
        }
        let messageType = String(topic[topic.index(after: slash)...])
        guard Self.messageTypes.contains(messageType) else {
            throw Rejection(
                .unknownTopic, field: "topic",
                problem: "MAVLink message type is not one flowgate reads (\(Self.messageTypes.joined(separator: ", ")))"
            )
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
        if messageType == "SYSTEM_TIME" {
            let clock = try Self.bootClock(fields)
            bootClockByDrone[drone] = clock
            return .systemTime(drone: drone, clock: clock)
        }
        var fix = try Self.globalPosition(fields, drone: drone, mission: mission, receivedAt: receivedAt)
        if let clock = bootClockByDrone[drone] {
            if let time = clock.time(bootMilliseconds: Int(fix.seq)) {
                fix.time = time
            } else {
                // Rebooted since the anchor: arrival time until the next SYSTEM_TIME.
                bootClockByDrone[drone] = nil
            }
        }
        return .telemetry(AdaptedTelemetry(fix: fix, source: .mavlinkJSON, armed: armedByDrone[drone]))
    }

    /// SYSTEM_TIME: `time_unix_usec` (µs since 1970, 0 = the autopilot has no time) at `time_boot_ms`.
    static func bootClock(_ fields: MessageFields) throws(Rejection) -> BootClock? {
        let unix = try fields.integer("time_unix_usec", in: 0...latestUnixMicroseconds)
        let boot = try fields.integer("time_boot_ms", in: 0...4_294_967_295)
        guard unix != 0 else { return nil }
        guard unix >= boot * 1_000 else {
            throw Rejection(.invalidField, field: "time_unix_usec", problem: "is earlier than the autopilot's boot")
        }
        return BootClock(bootMicroseconds: Int64(unix - boot * 1_000), anchorBootMilliseconds: boot)
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
