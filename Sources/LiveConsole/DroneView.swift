import Compliance
import Foundation
import Geo

/// What the console knows of one drone: where it is and is heading, where it has just been, its compliance state
/// and its streams.
struct DroneView: Sendable {
    /// How many past positions the map draws behind a drone.
    static let trailLength = 30

    var drone: String
    var mission: String?
    var position: GeoPoint?
    var altitude: Double?
    /// Degrees from north, when the drone reports its track.
    var heading: Double?
    var groundSpeed: Double?
    var state: ComplianceState?
    /// The codes of the findings behind the current state (breaches and warnings).
    var reasons: [String] = []
    /// Oldest first.
    var trail: [GeoPoint] = []
    /// The gateway's clock at the last accepted fix.
    var lastFix: Date?
    var streams: [String: StreamView] = [:]

    init(drone: String) { self.drone = drone }

    mutating func take(_ fix: TelemetryFix, state: ComplianceState?, findings: [Finding], at time: Date) {
        mission = fix.mission
        position = fix.position
        altitude = fix.altitude
        heading = fix.velocity?.track
        groundSpeed = fix.velocity?.groundSpeed
        if let state { self.state = state }
        reasons = findings.map(\.code.rawValue)
        trail.append(fix.position)
        if trail.count > Self.trailLength { trail.removeFirst(trail.count - Self.trailLength) }
        lastFix = time
    }
}
