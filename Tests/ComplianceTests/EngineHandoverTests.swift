import Compliance
import Foundation
import Testing

/// What a clustered gateway hands to the next owner of a partition: the last accepted `seq` of each drone (a
/// replay stays a replay across a failover) and the latches; and what it forgets when it hands a partition on.
@Suite("Telemetry engine: hand-over between instances")
struct EngineHandoverTests {
    @Test("a handed-over seq makes an older or equal fix a replay at the next owner; a newer one is accepted")
    func handedOverSeq() {
        var engine = Demo.engine()
        engine.restoreSeq(drone: "D1", seq: 41)
        let replay = engine.send(Fix(seq: 41))
        #expect(replay.verdict == .withhold)
        #expect(replay.codes == ["replayed_seq"])
        #expect(engine.send(Fix(seq: 12)).codes == ["replayed_seq"])
        let next = engine.send(Fix(seq: 42))
        #expect(next.verdict == .forward)
        #expect(next.findings.isEmpty)
        #expect(engine.lastSeqs { $0 == "D1" } == ["D1": 42])
    }

    @Test("a drone the engine already follows keeps its own count; the last seqs are those of the selected drones")
    func ownCountWins() {
        var engine = Demo.engine()
        _ = engine.send(Fix(seq: 7))
        engine.restoreSeq(drone: "D1", seq: 100)
        #expect(engine.send(Fix(seq: 8, time: Demo.noon.addingTimeInterval(1))).verdict == .forward)
        engine.restoreSeq(drone: "D2", seq: 5)
        #expect(engine.lastSeqs { _ in true } == ["D1": 8, "D2": 5])
        #expect(engine.lastSeqs { $0 == "D2" } == ["D2": 5])
    }

    @Test("forgetting a partition's drones drops their state and latches, and leaves the others")
    func forget() {
        var engine = Demo.engine()
        _ = engine.send(Fix(seq: 9))
        _ = engine.send(Fix(drone: "D2", seq: 3))
        engine.restore(
            StreamKey(drone: "D1", stream: "cam1"), Suspension(since: Demo.noon, codes: [], product: "face_crop"))
        engine.restore(StreamKey(drone: "D2", stream: "cam1"), Suspension(since: Demo.noon, codes: [], product: nil))
        engine.forget { $0 == "D1" }
        #expect(engine.lastSeqs { _ in true } == ["D2": 3])
        #expect(engine.suspensions.keys.map(\.drone) == ["D2"])
        // Forgotten: D1 starts afresh, its old seq no longer a floor.
        #expect(engine.send(Fix(seq: 1)).verdict == .forward)
    }
}
