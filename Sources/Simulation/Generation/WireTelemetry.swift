import Foundation
import Geo
import StrictJSON

/// Telemetry in a drone's wire format: the message as the real source would write it (units converted) and the
/// fix as the gateway's adapter reads it back, which is what the ground truth judges.
struct WireTelemetry: Sendable {
    let format: WireFormat
    let datum: VerticalDatum

    /// Milliseconds the simulated autopilot has been running at the exercise's start (MAVLink `time_boot_ms`).
    static let bootMilliseconds = 600_000
    /// MAVProxy relays the autopilot's HEARTBEAT once a second.
    static let heartbeatInterval = 1_000
    /// MAV_TYPE_QUADROTOR, MAV_AUTOPILOT_ARDUPILOTMEGA, armed with a custom mode (base_mode bit 128 set).
    static let heartbeat: JSONObject = [
        "mavpackettype": "HEARTBEAT", "type": .number(2), "autopilot": .number(3), "base_mode": .number(209),
        "custom_mode": .number(5), "system_status": .number(4), "mavlink_version": .number(3),
    ]

    func topic(drone: String) -> String {
        switch format {
        case .native: "fleet/\(drone)/telemetry"
        case .djiCloudAPI: "thing/product/\(drone)/osd"
        case .mavlinkJSON: Self.level(ExerciseAdapters.mavlinkPrefix, drone) + "/GLOBAL_POSITION_INT"
        case .remoteID: Self.level(ExerciseAdapters.remoteIDTopic, drone)
        }
    }

    static func heartbeatTopic(drone: String) -> String { level(ExerciseAdapters.mavlinkPrefix, drone) + "/HEARTBEAT" }
    static func systemTimeTopic(drone: String) -> String {
        level(ExerciseAdapters.mavlinkPrefix, drone) + "/SYSTEM_TIME"
    }

    /// The autopilot's SYSTEM_TIME, relayed with each heartbeat: its GPS time at boot-clock reading `ms`.
    static func systemTime(_ unixTime: Date, ms: Int) -> JSONObject {
        [
            "mavpackettype": "SYSTEM_TIME",
            "time_unix_usec": .number(Int((unixTime.timeIntervalSince1970 * 1e6).rounded())),
            "time_boot_ms": .number(bootMilliseconds + ms),
        ]
    }

    /// A topic pattern with its `{drone}` level filled in.
    static func level(_ pattern: String, _ drone: String) -> String {
        pattern.replacingOccurrences(of: "{drone}", with: drone)
    }

    /// The message for `fix` (native values: `seq` the drone's counter, altitude in the route's reference) and
    /// the fix as the adapter decodes it: its own seq, time, position and altitude reference.
    /// - Parameter ms: milliseconds since the exercise's start (the MAVLink boot clock runs from it).
    func message(
        _ fix: FixFacts, velocity: (speed: Double, track: Double, vertical: Double), battery: Int, ms: Int
    ) -> (object: JSONObject, read: FixFacts) {
        let amsl = datum.amsl(fix.altitude, fix.reference)
        var read = fix
        switch format {
        case .native:
            return (MessageBuilder.telemetry(fix, velocity: velocity, battery: battery), fix)
        case .djiCloudAPI:
            let timestamp = Int((fix.time.timeIntervalSince1970 * 1_000).rounded())
            read.seq = UInt64(timestamp)
            read.time = Date(timeIntervalSince1970: Double(timestamp) / 1_000)
            read.altitude = MessageBuilder.round(datum.convert(amsl: amsl, to: .wgs84), 2)
            read.reference = .wgs84
            return (dji(read, velocity: velocity, battery: battery, agl: datum.convert(amsl: amsl, to: .agl)), read)
        case .mavlinkJSON:
            let boot = Self.bootMilliseconds + ms
            let lat = Int((fix.position.latitude * 1e7).rounded())
            let lon = Int((fix.position.longitude * 1e7).rounded())
            let millimetres = Int((amsl * 1_000).rounded())
            read.seq = UInt64(boot)
            read.position = GeoPoint(latitude: Double(lat) / 1e7, longitude: Double(lon) / 1e7)
            read.altitude = Double(millimetres) / 1_000
            read.reference = .amsl
            let radians = velocity.track * .pi / 180
            let object: JSONObject = [
                "mavpackettype": "GLOBAL_POSITION_INT", "time_boot_ms": .number(boot), "lat": .number(lat),
                "lon": .number(lon), "alt": .number(millimetres),
                "relative_alt": .number(Int((datum.convert(amsl: amsl, to: .agl) * 1_000).rounded())),
                "vx": .number(Int((velocity.speed * cos(radians) * 100).rounded())),
                "vy": .number(Int((velocity.speed * sin(radians) * 100).rounded())),
                // MAVLink's z axis points down.
                "vz": .number(Int((-velocity.vertical * 100).rounded())),
                "hdg": .number(Int((velocity.track * 100).rounded()) % 36_000),
            ]
            return (object, read)
        case .remoteID:
            read.altitude = MessageBuilder.round(datum.convert(amsl: amsl, to: .wgs84), 1)
            read.reference = .wgs84
            // The adapter reads the time back from its RFC 3339 text and derives seq from it.
            read.time = (try? RFC3339.parse(RFC3339.format(fix.time))) ?? fix.time
            read.seq = UInt64((read.time.timeIntervalSince1970 * 1_000).rounded())
            return (remoteID(read, velocity: velocity, agl: datum.convert(amsl: amsl, to: .agl)), read)
        }
    }

    /// The Cloud API envelope of an aircraft `osd` report; the dock's SN (`gateway`) is not the aircraft.
    func dji(_ fix: FixFacts, velocity: (speed: Double, track: Double, vertical: Double), battery: Int, agl: Double)
        -> JSONObject
    {
        let track = MessageBuilder.round(velocity.track, 1)
        let data: JSONObject = [
            "latitude": .number(fix.position.latitude), "longitude": .number(fix.position.longitude),
            "height": .number(fix.altitude), "elevation": .number(MessageBuilder.round(agl, 2)),
            "horizontal_speed": .number(MessageBuilder.round(velocity.speed, 2)),
            "vertical_speed": .number(MessageBuilder.round(velocity.vertical, 2)),
            // DJI reports the heading in -180 ... 180.
            "attitude_head": .number(track > 180 ? MessageBuilder.round(track - 360, 1) : track),
            "battery": .object(["capacity_percent": .number(battery)]), "mode_code": .number(3),
        ]
        return [
            "tid": .string("sim-\(fix.drone)-\(fix.seq)"), "bid": .string("sim-\(fix.drone)"),
            "timestamp": .number(Int(fix.seq)), "gateway": .string("\(fix.drone)-dock"), "data": .object(data),
        ]
    }

    /// An F3411-22a `RIDAircraftState`: ellipsoid altitude, with the height above ground beside it.
    func remoteID(_ fix: FixFacts, velocity: (speed: Double, track: Double, vertical: Double), agl: Double)
        -> JSONObject
    {
        [
            "timestamp": .object(["value": .string(RFC3339.format(fix.time)), "format": "RFC3339"]),
            "timestamp_accuracy": .number(0.1), "operational_status": "Airborne",
            "position": .object([
                "lat": .number(fix.position.latitude), "lng": .number(fix.position.longitude),
                "alt": .number(fix.altitude), "accuracy_h": "HA3m", "accuracy_v": "VA3m", "extrapolated": .bool(false),
                "height": .object(["distance": .number(MessageBuilder.round(agl, 1)), "reference": "GroundLevel"]),
            ]),
            "track": .number(min(MessageBuilder.round(velocity.track, 1), 360)),
            "speed": .number(MessageBuilder.round(velocity.speed, 2)), "speed_accuracy": "SA1mps",
            "vertical_speed": .number(MessageBuilder.round(velocity.vertical, 1)),
        ]
    }
}
