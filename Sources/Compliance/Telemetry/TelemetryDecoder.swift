import Foundation
import Geo
import StrictJSON

/// Decodes native telemetry v1, strictly: required fields, types and ranges are checked, the drone id in the
/// payload must be the one in the topic, and the size is limited before anything is parsed. Unknown fields
/// are dropped (the normalised fix is rebuilt from what was understood, so they never reach egress).
public struct TelemetryDecoder: Sendable {
    /// The largest payload accepted, bytes.
    public var maximumBytes: Int

    public static let defaultMaximumBytes = 64 * 1024

    public init(maximumBytes: Int = TelemetryDecoder.defaultMaximumBytes) {
        self.maximumBytes = maximumBytes
    }

    /// - Parameter topicDrone: the drone id the topic names.
    /// - Throws: a ``Rejection`` naming the first field or rule that failed.
    public func decode(_ payload: some Collection<UInt8>, topicDrone: String) throws(Rejection) -> TelemetryFix {
        // The plain common case straight from the bytes; anything else through the tree, which has the errors.
        if payload.count <= maximumBytes,
            let fix = payload.withContiguousStorageIfAvailable({ TelemetryScan.fix(in: $0, topicDrone: topicDrone) })
                ?? nil
        {
            return fix
        }
        return try decodeTree(payload, topicDrone: topicDrone)
    }

    /// The reference decoding, through a parsed tree: every rejection comes from here.
    func decodeTree(_ payload: some Collection<UInt8>, topicDrone: String) throws(Rejection) -> TelemetryFix {
        let object = try Fields.openEnvelope(payload, maximumBytes: maximumBytes, maximumDepth: 8)
        let fields = Fields(object: object, path: "")
        try fields.requireVersion1()
        let drone = try fields.drone(matching: topicDrone)
        let mission = try fields.identifier("mission")
        let seq = try fields.integer("seq", in: 0...9_007_199_254_740_991)
        let time = try fields.time("time")
        let position = try fields.object("position")
        let lat = try position.number("lat", in: -90...90)
        let lon = try position.number("lon", in: -180...180)
        let altitude = try position.number("alt_m", in: -1_000...100_000)
        let referenceText = try position.string("alt_ref")
        guard let reference = AltitudeReference(rawValue: referenceText) else {
            throw Rejection(.invalidField, field: "position.alt_ref", problem: "must be AGL, AMSL or WGS84")
        }
        var velocity: TelemetryFix.Velocity?
        if let v = try fields.optionalObject("velocity") {
            velocity = TelemetryFix.Velocity(
                groundSpeed: try v.optionalNumber("ground_speed_mps", in: 0...300),
                track: try v.optionalNumber("track_deg", in: 0...360),
                verticalSpeed: try v.optionalNumber("vertical_speed_mps", in: -200...200))
        }
        let battery = try fields.optionalNumber("battery_pct", in: 0...100)
        return TelemetryFix(
            drone: drone, mission: mission, seq: UInt64(seq), time: time,
            position: GeoPoint(latitude: lat, longitude: lon), altitude: altitude, altitudeReference: reference,
            velocity: velocity, batteryPercent: battery)
    }
}
