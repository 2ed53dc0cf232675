public import Compliance
import Foundation
import Geo

/// Decodes ASTM F3411-22a network Remote ID aircraft state (`RIDAircraftState`), alone or inside a
/// `GetFlightsResponse` (`flights[].current_state`, the drone being the flight's `id`).
///
/// Unknown-value sentinels: `alt` -1000, `track` 361, `speed` 255, `vertical_speed` 63 become absent values.
/// Without `lat`/`lng` (or with 0/0) there is no position and the state is refused. Altitude is the WGS84
/// ellipsoid `alt`; when it is unknown, `height` above `GroundLevel` is used as AGL; a height above the
/// `TakeoffLocation` alone is refused (the take-off point's elevation is unknown). Identity and operator
/// details (flight details) are never read. `seq` is the timestamp in milliseconds.
public struct RemoteIDAdapter: Sendable {
    public var missions: MissionAssignments
    public var maximumBytes: Int

    static let unknownAltitude = -1_000.0
    static let unknownTrack = 361.0
    static let unknownSpeed = 255.0
    static let unknownVerticalSpeed = 63.0
    static let operationalStatuses: Set<String> = [
        "Undeclared", "Ground", "Airborne", "Emergency", "RemoteIDSystemFailure",
    ]

    public init(missions: MissionAssignments, maximumBytes: Int = TelemetryDecoder.defaultMaximumBytes) {
        self.missions = missions
        self.maximumBytes = maximumBytes
    }

    /// One aircraft state (the body of a per-drone topic).
    /// - Parameter drone: the drone the topic names.
    public func decodeState(_ payload: some Collection<UInt8>, drone: String) throws(Rejection) -> AdaptedTelemetry {
        let drone = try validatedDroneID(drone, field: "topic")
        let mission = try missions.mission(for: drone)
        let state = try MessageFields.parse(payload, maximumBytes: maximumBytes)
        return try Self.state(state, drone: drone, mission: mission)
    }

    /// A GetFlightsResponse: one result per flight, in order, each decoded or refused on its own (a flight the
    /// mapping does not name is refused as unmapped; other operators' flights are not ours to judge).
    /// - Throws: a ``Rejection`` when the response itself cannot be read.
    public func decodeFlights(_ payload: some Collection<UInt8>) throws(Rejection)
        -> [Result<AdaptedTelemetry, Rejection>]
    {
        let response = try MessageFields.parse(payload, maximumBytes: maximumBytes)
        return try response.objects("flights").map { flight in
            do throws(Rejection) {
                let drone = try validatedDroneID(try flight.string("id"), field: flight.path("id"))
                let mission = try missions.mission(for: drone)
                return .success(try Self.state(try flight.object("current_state"), drone: drone, mission: mission))
            } catch {
                return .failure(error)
            }
        }
    }

    static func state(_ state: MessageFields, drone: String, mission: String) throws(Rejection) -> AdaptedTelemetry {
        let timestamp = try state.object("timestamp")
        guard try timestamp.string("format") == "RFC3339" else {
            throw Rejection(.invalidField, field: timestamp.path("format"), problem: "only RFC3339 is defined")
        }
        let time = try timestamp.time("value")
        if state.has("operational_status"), !operationalStatuses.contains(try state.string("operational_status")) {
            throw Rejection(
                .invalidField, field: state.path("operational_status"),
                problem: "expected one of \(operationalStatuses.sorted().joined(separator: ", "))")
        }
        let position = try state.object("position")
        guard position.has("lat"), position.has("lng") else {
            throw Rejection(
                .invalidField, field: position.path("lat"), problem: "no position: lat and lng are required")
        }
        let latitude = try position.number("lat", in: -90...90)
        let longitude = try position.number("lng", in: -180...180)
        guard latitude != 0 || longitude != 0 else {
            throw Rejection(.invalidField, field: position.path("lat"), problem: "lat and lng are both 0: no position")
        }
        let (altitude, reference) = try Self.altitude(position)
        let track = try state.optionalNumber("track", in: 0...361)
        let speed = try state.optionalNumber("speed", in: 0...255)
        let verticalSpeed = try state.optionalNumber("vertical_speed", in: -62...63)
        if let track, track > 360, track != unknownTrack {
            throw Rejection(.invalidField, field: state.path("track"), problem: "out of range 0...360 (361 = unknown)")
        }
        let milliseconds = (time.timeIntervalSince1970 * 1_000).rounded()
        guard milliseconds >= 0 else {
            throw Rejection(.invalidField, field: timestamp.path("value"), problem: "before 1970")
        }
        let fix = TelemetryFix(
            drone: drone, mission: mission, seq: UInt64(milliseconds), time: time,
            position: GeoPoint(latitude: latitude, longitude: longitude), altitude: altitude,
            altitudeReference: reference,
            velocity: .init(
                groundSpeed: speed == unknownSpeed ? nil : speed,
                track: track == unknownTrack ? nil : track.map(normalisedTrack),
                verticalSpeed: verticalSpeed == unknownVerticalSpeed ? nil : verticalSpeed))
        return AdaptedTelemetry(fix: fix, source: .remoteID)
    }

    /// `alt` above the WGS84 ellipsoid, or else `height` above ground level.
    static func altitude(_ position: MessageFields) throws(Rejection) -> (Double, AltitudeReference) {
        if let alt = try position.optionalNumber("alt", in: -1_000...100_000), alt != unknownAltitude {
            return (alt, .wgs84)
        }
        guard let height = try position.optionalObject("height") else {
            throw Rejection(
                .invalidField, field: position.path("alt"), problem: "altitude unknown (-1000) and no height given")
        }
        let distance = try height.number("distance", in: -1_000...100_000)
        switch try height.string("reference") {
        case "GroundLevel":
            return (distance, .agl)
        case "TakeoffLocation":
            throw Rejection(
                .invalidField, field: height.path("reference"),
                problem: "altitude unknown (-1000) and a height above the take-off location cannot be placed")
        default:
            throw Rejection(
                .invalidField, field: height.path("reference"), problem: "expected TakeoffLocation or GroundLevel")
        }
    }
}
