import Foundation
import Geo

/// What the engine remembers about one drone between its messages.
struct DroneRecord: Sendable {
    /// The last accepted fix: sequence number, the drone's time stamp and position.
    var lastSeq: UInt64
    var lastTime: Date
    var lastPosition: GeoPoint
    var state: ComplianceState
    /// Keys of the breach and warning findings of the last accepted fix, to tell transitions.
    var breachKeys: Set<String>
    var warningKeys: Set<String>
}
