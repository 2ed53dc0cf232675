import Foundation
import Geo

/// What the engine remembers about one drone between its messages.
struct DroneRecord: Sendable {
    /// The last accepted fix: sequence number, the drone's time stamp and position.
    var lastSeq: UInt64
    var lastTime: Date
    var lastPosition: GeoPoint
    var state: ComplianceState
    /// The breach events have announced and not yet ended, if any.
    var breach: BreachEpisode?
    /// Keys of the breach and warning findings of the last accepted fix, to tell transitions.
    var breachKeys: Set<FindingKey>
    /// The warnings of recent fixes, each with the gateway's clock when a fix last had it: a warning is news
    /// (`warning_entered`) only when no fix has had it for ``TransitionTiming/quietPeriod``, so that a drone
    /// hovering on a margin, in and out of it from one fix to the next, is not announced at every fix.
    var recentWarnings: [FindingKey: Date]
    /// What a payload is joined to: when the last fix arrived (gateway clock), its mission, its breaches
    /// (airspace and integrity), the no-capture zones it was in and its height above ground.
    var receivedAt: Date
    /// The drone's own time stamp of the last accepted fix: a fix is as old as the earlier of this and its
    /// arrival, so that a fix stamped long ago but delivered now does not pass for fresh.
    var fixTime: Date
    /// The drone's own time of the fix that restarted its `seq` (a reboot in the air), if one did: an older
    /// message belongs to the count before, and is a replay whatever its `seq`.
    var countSince: Date?
    var mission: String
    var breaches: [Finding]
    var noCapture: [String]
    var heightAboveGround: Double
}
