import Compliance
import Foundation
import Testing

/// What a clustered gateway hands to the next owner of a partition: each drone's last fix and standing (a replay
/// stays a replay, a payload keeps its join across a failover) and the latches; and what it forgets when it hands
/// a partition on.
@Suite("Telemetry engine: hand-over between instances")
struct EngineHandoverTests {
    /// The hand-over of D1 after `fixes`, taken from one engine and given to a fresh one.
    static func handedOver(_ fixes: [Fix]) throws -> ComplianceEngine {
        var previous = Demo.engine()
        for fix in fixes { _ = previous.send(fix) }
        let handover = try #require(previous.droneHandovers { $0 == "D1" }["D1"])
        var next = Demo.engine()
        let taken = next.restore(drone: "D1", handover)
        #expect(taken)
        return next
    }

    @Test("a handed-over fix makes an older or equal seq a replay at the next owner; a newer one is accepted")
    func replayAcrossHandover() throws {
        var next = try Self.handedOver([Fix(seq: 40), Fix(seq: 41, time: Demo.noon.addingTimeInterval(1))])
        let replay = next.send(Fix(seq: 41, time: Demo.noon.addingTimeInterval(1)))
        #expect(replay.verdict == .withhold)
        #expect(replay.codes == ["replayed_seq"])
        let following = next.send(Fix(seq: 42, time: Demo.noon.addingTimeInterval(2)))
        #expect(following.verdict == .forward)
        #expect(following.findings.isEmpty)
    }

    @Test("the next fix is measured from the handed-over one: a jump is still a jump")
    func speedAcrossHandover() throws {
        var next = try Self.handedOver([Fix(seq: 1)])
        let jump = Fix(
            seq: 2, time: Demo.noon.addingTimeInterval(1), position: Demo.north(of: Demo.corridor, metres: 400))
        #expect(next.send(jump).codes.contains("implausible_speed"))
    }

    @Test("a payload right after the takeover is joined to the handed-over fix: forwarded, not blocked for want of one")
    func payloadJoinAcrossHandover() throws {
        var next = try Self.handedOver([Fix(seq: 1)])
        let grid = LivePayload(time: Demo.noon.addingTimeInterval(1))
        let decision = next.send(grid, now: Demo.noon.addingTimeInterval(1))
        #expect(decision.verdict == .forward, "\(decision.codes)")
        var fresh = Demo.engine()
        #expect(fresh.send(grid, now: Demo.noon.addingTimeInterval(1)).codes == ["no_fix"])
    }

    @Test("a drone the engine already follows keeps its own record")
    func ownRecordWins() throws {
        var engine = Demo.engine()
        _ = engine.send(Fix(seq: 7))
        var other = Demo.engine()
        _ = other.send(Fix(seq: 100))
        let stale = try #require(other.droneHandovers { _ in true }["D1"])
        let taken = engine.restore(drone: "D1", stale)
        #expect(!taken)
        #expect(engine.droneHandovers { _ in true }["D1"]?.seq == 7)
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
        #expect(Set(engine.droneHandovers { _ in true }.keys) == ["D2"])
        #expect(engine.suspensions.keys.map(\.drone) == ["D2"])
        // Forgotten: D1 starts afresh, its old seq no longer counts.
        #expect(engine.send(Fix(seq: 1)).verdict == .forward)
    }
}
