public import Compliance
import Foundation
import Geo

/// Decodes DJI Cloud API aircraft telemetry: `thing/product/{aircraft_sn}/osd` (the fixed-rate properties)
/// and `thing/product/{gateway_sn}/drc/up` with method `osd_info_push` (the high-rate channel).
///
/// The envelope is `{tid, bid, timestamp (ms since the epoch), gateway, data}`. The drone id is the aircraft
/// serial number: on `osd` it is the topic's SN; on `drc/up` the topic names the dock (gateway), which
/// ``gatewayAircraft`` maps to its aircraft. The envelope's `gateway` is the dock and never the drone.
/// `seq` is synthesised from `timestamp` (milliseconds), so it rises with every new report and a repeated
/// report repeats it.
public struct DJICloudAdapter: Sendable {
    public var missions: MissionAssignments
    /// Dock (gateway) SN → aircraft SN, for `drc/up` messages.
    public var gatewayAircraft: [String: String]
    public var maximumBytes: Int

    public init(
        missions: MissionAssignments, gatewayAircraft: [String: String] = [:],
        maximumBytes: Int = TelemetryDecoder.defaultMaximumBytes
    ) {
        self.missions = missions
        self.gatewayAircraft = gatewayAircraft
        self.maximumBytes = maximumBytes
    }

    /// Whether a topic is one this adapter decodes (so that a gateway can route to it).
    public static func accepts(topic: String) -> Bool {
        (try? Route(topic: topic)) != nil
    }

    /// - Throws: a ``Rejection`` for anything not fully understood: an unknown topic, a missing or mistyped
    ///   field, no position fix (latitude and longitude both 0), an unmapped drone.
    public func decode(topic: String, payload: some Collection<UInt8>) throws(Rejection) -> AdaptedTelemetry {
        let route = try Route(topic: topic)
        let drone: String
        switch route {
        case .osd(let sn):
            drone = sn
        case .drcUp(let gateway):
            guard let aircraft = gatewayAircraft[gateway] else {
                throw Rejection(
                    .unknownTopic, field: "topic",
                    problem: "dock '\(gateway)' is not mapped to an aircraft for its drc/up channel")
            }
            drone = try validatedDroneID(aircraft, field: "topic")
        }
        let mission = try missions.mission(for: drone)
        let envelope = try MessageFields.parse(payload, maximumBytes: maximumBytes)
        let milliseconds = try envelope.integer("timestamp", in: 0...9_007_199_254_740_991)
        let data = try envelope.object("data")
        if case .drcUp = route {
            guard try envelope.string("method") == "osd_info_push" else {
                throw Rejection(
                    .invalidField, field: "method", problem: "only osd_info_push is telemetry on the drc/up channel")
            }
        }
        let position = try Self.position(data)
        let height = try data.number("height", in: -1_000...100_000)
        let velocity: TelemetryFix.Velocity
        var battery: Double?
        var mode: Int?
        var cameras: [CameraGeometry] = []
        switch route {
        case .osd:
            velocity = .init(
                groundSpeed: try data.optionalNumber("horizontal_speed", in: 0...300),
                track: try Self.track(data), verticalSpeed: try data.optionalNumber("vertical_speed", in: -200...200))
            battery = try data.optionalObject("battery")?.optionalNumber("capacity_percent", in: 0...100)
            mode = try data.optionalInteger("mode_code", in: 0...255)
            cameras = try DJIPayloads(data: data).cameras()
        case .drcUp:
            let x = try data.number("speed_x", in: -300...300), y = try data.number("speed_y", in: -300...300)
            velocity = .init(
                groundSpeed: (x * x + y * y).squareRoot(), track: try Self.track(data),
                verticalSpeed: try data.number("speed_z", in: -200...200))
            if data.has("gimbal_pitch") {
                cameras = [
                    CameraGeometry(
                        payloadIndex: "drc", depressionDegrees: -(try data.number("gimbal_pitch", in: -180...180)),
                        zoom: nil, slantRangeMetres: nil)
                ]
            }
        }
        let fix = TelemetryFix(
            drone: drone, mission: mission, seq: UInt64(milliseconds),
            time: Date(timeIntervalSince1970: Double(milliseconds) / 1_000), position: position, altitude: height,
            altitudeReference: .wgs84, velocity: velocity, batteryPercent: battery)
        return AdaptedTelemetry(fix: fix, source: .djiCloudAPI, flightMode: mode, cameras: cameras)
    }

    /// Latitude and longitude in degrees; DJI reports 0/0 when the aircraft has no fix.
    static func position(_ data: MessageFields) throws(Rejection) -> GeoPoint {
        let latitude = try data.number("latitude", in: -90...90)
        let longitude = try data.number("longitude", in: -180...180)
        guard latitude != 0 || longitude != 0 else {
            throw Rejection(
                .invalidField, field: data.path("latitude"),
                problem: "latitude and longitude are both 0: the aircraft reports no position fix")
        }
        return GeoPoint(latitude: latitude, longitude: longitude)
    }

    /// `attitude_head`, degrees from true north in -180 ... 180, as a 0 ..< 360 track.
    static func track(_ data: MessageFields) throws(Rejection) -> Double? {
        try data.optionalNumber("attitude_head", in: -180...180).map(normalisedTrack)
    }

    enum Route {
        case osd(aircraft: String)
        case drcUp(gateway: String)

        init(topic: String) throws(Rejection) {
            let levels = topic.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard levels.count >= 4, levels[0] == "thing", levels[1] == "product" else {
                throw Rejection(.unknownTopic, field: "topic", problem: "not a DJI Cloud API thing/product topic")
            }
            let sn = try validatedDroneID(levels[2], field: "topic")
            switch Array(levels[3...]) {
            case ["osd"]: self = .osd(aircraft: sn)
            case ["drc", "up"]: self = .drcUp(gateway: sn)
            default:
                throw Rejection(
                    .unknownTopic, field: "topic", problem: "only the osd and drc/up topics carry aircraft telemetry")
            }
        }
    }
}
