import Foundation

/// What a clustered gateway hands to the instance that takes a partition over (Docs/CLUSTER.md): the streams
/// suspended and the last accepted `seq` of each drone, so that a latch stays latched and a replay stays a replay
/// across a failover. Everything else a drone's record holds (its last position, its breach episode) starts
/// afresh at the next owner, as after a restart.
extension ComplianceEngine {
    /// The last accepted telemetry `seq` of each drone `includes` selects.
    public func lastSeqs(where includes: (String) -> Bool) -> [String: UInt64] {
        var seqs: [String: UInt64] = [:]
        for (drone, record) in drones where includes(drone) { seqs[drone] = record.lastSeq }
        for (drone, floor) in seqFloors where includes(drone) && seqs[drone] == nil { seqs[drone] = floor }
        return seqs
    }

    /// A drone's last accepted `seq` as another instance had it: until the drone's next accepted fix here, a
    /// fix at or below it is a replay. A drone this engine already follows keeps its own, newer, count.
    public mutating func restoreSeq(drone: String, seq: UInt64) {
        guard drones[drone] == nil else { return }
        seqFloors[drone] = max(seqFloors[drone] ?? 0, seq)
    }

    /// Forgets every drone `includes` selects, with its streams and latches: its partition has gone to another
    /// instance, which now keeps them; should the partition come back, its state comes back with it.
    public mutating func forget(where includes: (String) -> Bool) {
        drones = drones.filter { !includes($0.key) }
        seqFloors = seqFloors.filter { !includes($0.key) }
        integrityEpisodes = integrityEpisodes.filter { !includes($0.key) }
        suspensions = suspensions.filter { !includes($0.key.drone) }
        streamBlocks = streamBlocks.filter { !includes($0.key.drone) }
    }
}

extension ComplianceEngine {
    /// A fix at or below the `seq` another instance last accepted from the drone: withheld as a replay, as it
    /// would have been there.
    mutating func handedOverReplay(_ fix: TelemetryFix, floor: UInt64, now: Date) -> Decision {
        let finding = Finding(
            .integrity(.replayedSeq), severity: .breach,
            facts: .replay(seq: fix.seq, lastAccepted: floor, beforeRestart: false))
        let events = integrityEvents(fix, [finding], showsPosition: false, endsOthers: false, now: now)
        return Decision(
            verdict: .withhold, drone: fix.drone, state: .breach, findings: [finding], rejection: nil,
            events: events, mission: fix.mission)
    }
}
