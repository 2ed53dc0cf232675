public import Foundation
public import Geo

/// One position report from a drone, decoded and checked (native telemetry v1).
public struct TelemetryFix: Sendable, Hashable {
    public var drone: String
    public var mission: String
    public var seq: UInt64
    /// When the drone says it took the fix.
    public var time: Date
    public var position: GeoPoint
    public var altitude: Double
    public var altitudeReference: AltitudeReference
    public var velocity: Velocity?
    public var batteryPercent: Double?
    /// The wire format the fix arrived in when it was not native JSON (`dji_cloud_api`, `mavlink_json`,
    /// `remote_id`): egress records it as `source`. `nil` for native telemetry, whose egress stays as it was.
    public var source: String?

    public struct Velocity: Sendable, Hashable {
        public var groundSpeed: Double?
        public var track: Double?
        public var verticalSpeed: Double?

        public init(groundSpeed: Double?, track: Double?, verticalSpeed: Double?) {
            self.groundSpeed = groundSpeed
            self.track = track
            self.verticalSpeed = verticalSpeed
        }
    }

    public init(
        drone: String, mission: String, seq: UInt64, time: Date, position: GeoPoint, altitude: Double,
        altitudeReference: AltitudeReference, velocity: Velocity? = nil, batteryPercent: Double? = nil,
        source: String? = nil
    ) {
        self.drone = drone
        self.mission = mission
        self.seq = seq
        self.time = time
        self.position = position
        self.altitude = altitude
        self.altitudeReference = altitudeReference
        self.velocity = velocity
        self.batteryPercent = batteryPercent
        self.source = source
    }
}
