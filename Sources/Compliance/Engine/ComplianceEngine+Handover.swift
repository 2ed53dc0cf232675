import Foundation
import Geo

/// What a clustered gateway hands to the instance that takes a partition over (Docs/CLUSTER.md): each drone's
/// last accepted fix and standing (``DroneHandover``) and the streams suspended, so that a latch stays latched, a
/// replay stays a replay and a payload keeps its join across a failover. A breach episode, the warnings' quiet
/// periods and integrity episodes start afresh at the next owner, as after a restart.
extension ComplianceEngine {
    /// The hand-over of each drone `includes` selects.
    public func droneHandovers(where includes: (String) -> Bool) -> [String: DroneHandover] {
        var handovers: [String: DroneHandover] = [:]
        for (drone, record) in drones where includes(drone) {
            handovers[drone] = DroneHandover(
                seq: record.lastSeq, fixTime: record.fixTime.timeIntervalSince1970,
                receivedAt: record.receivedAt.timeIntervalSince1970, latitude: record.lastPosition.latitude,
                longitude: record.lastPosition.longitude, mission: record.mission,
                breaches: record.breaches.map(\.code.rawValue), noCapture: record.noCapture,
                heightAboveGround: record.heightAboveGround)
        }
        return handovers
    }

    /// A drone as another instance last had it; a drone this engine already follows keeps its own, newer,
    /// record. Breach codes this version does not know are left out (the next fix is judged afresh anyway).
    /// - Returns: whether the hand-over was taken.
    @discardableResult
    public mutating func restore(drone: String, _ handover: DroneHandover) -> Bool {
        guard drones[drone] == nil else { return false }
        let breaches = handover.breaches.compactMap(FindingCode.init(rawValue:)).map {
            Finding($0, severity: .breach)
        }
        drones[drone] = DroneRecord(
            lastSeq: handover.seq, lastTime: Date(timeIntervalSince1970: handover.fixTime),
            lastPosition: GeoPoint(latitude: handover.latitude, longitude: handover.longitude),
            state: breaches.isEmpty ? .compliant : .breach, breach: nil, breachKeys: [], recentWarnings: [:],
            receivedAt: Date(timeIntervalSince1970: handover.receivedAt),
            fixTime: Date(timeIntervalSince1970: handover.fixTime), countSince: nil, mission: handover.mission,
            breaches: breaches, noCapture: handover.noCapture, heightAboveGround: handover.heightAboveGround)
        return true
    }

    /// Forgets every drone `includes` selects, with its streams and latches: its partition has gone to another
    /// instance, which now keeps them; should the partition come back, its state comes back with it.
    public mutating func forget(where includes: (String) -> Bool) {
        drones = drones.filter { !includes($0.key) }
        integrityEpisodes = integrityEpisodes.filter { !includes($0.key) }
        suspensions = suspensions.filter { !includes($0.key.drone) }
        streamBlocks = streamBlocks.filter { !includes($0.key.drone) }
    }
}
