import Compliance
import Foundation
import Geo
import StrictJSON
import Testing

@Suite("Telemetry engine: position integrity")
struct EngineIntegrityTests {
    @Test("moving just under max_speed_mps is plausible")
    func justUnderMaxSpeed() throws {
        var engine = Demo.engine()
        let first = Fix()
        _ = engine.send(first)
        let target = Demo.north(of: first.position, metres: 39.9)
        #expect(abs(Geodesic.distance(first.position, target) - 39.9) < 0.001)
        let decision = engine.send(first.next(after: 1, at: target))
        #expect(decision.state == .compliant)
        #expect(decision.findings.isEmpty)
        #expect(decision.eventKinds.isEmpty)
    }

    @Test("moving just over max_speed_mps is implausible_speed: flagged, integrity_problem and breach events")
    func justOverMaxSpeed() throws {
        var engine = Demo.engine()
        let first = Fix()
        _ = engine.send(first)
        let target = Demo.north(of: first.position, metres: 40.1)
        #expect(abs(Geodesic.distance(first.position, target) - 40.1) < 0.001)
        let decision = engine.send(first.next(after: 1, at: target))
        #expect(decision.verdict == .forward)
        #expect(decision.state == .breach)
        #expect(decision.codes == ["implausible_speed"])
        let finding = try #require(decision.findings.first)
        #expect(finding.severity == .breach)
        #expect(finding.subject == nil)
        #expect(abs((finding.metres ?? 0) - 40.1) < 0.001)
        #expect(finding.detail == "40.1 m in 1.000 s is 40.1 m/s, over 40.0 m/s")
        #expect(decision.eventKinds == ["breach_started", "integrity_problem"])
        #expect(decision.publishedEvents.last?["reasons"]?.codes == ["implausible_speed"])
        #expect(decision.egressJSON?["compliance"]?["reasons"]?.codes == ["implausible_speed"])
    }

    @Test("the speed is measured over the drones' own time stamps, with the configured maximum")
    func configuredMaximum() {
        var engine = Demo.engine { $0.maximumSpeed = 10 }
        let first = Fix()
        _ = engine.send(first)
        // 39.9 m in 4 s is 9.98 m/s; in 3.9 s it is 10.2 m/s.
        let target = Demo.north(of: first.position, metres: 39.9)
        let slow = first.next(after: 4, at: target)
        #expect(engine.send(slow).findings.isEmpty)
        let fast = slow.next(after: 3.9, at: first.position)
        #expect(engine.send(fast).codes == ["implausible_speed"])
    }

    @Test("a move with no time elapsed is implausible; staying put is not")
    func noTimeElapsed() {
        var engine = Demo.engine()
        let first = Fix()
        _ = engine.send(first)
        let same = first.next(after: 0)
        #expect(engine.send(same).findings.isEmpty)
        let jumped = same.next(after: 0, at: Demo.north(of: first.position, metres: 5))
        let decision = engine.send(jumped)
        #expect(decision.codes == ["implausible_speed"])
        #expect(decision.findings.first?.detail == "5.0 m with no time elapsed since the last fix")
    }

    /// Fix time relative to the gateway's clock, and the integrity code it must give (nil: none).
    static let skews: [(Double, String?)] = [
        (0, nil), (2, nil), (2.001, "clock_ahead"), (60, "clock_ahead"),
        (-30, nil), (-29.999, nil), (-30.001, "clock_behind"), (-3_600, "clock_behind"),
    ]

    @Test("the clock may be 2 s ahead and 30 s behind the gateway's, not more", arguments: skews)
    func clockSkew(offset: Double, code: String?) throws {
        var engine = Demo.engine()
        let fix = Fix(time: Demo.noon.addingTimeInterval(offset))
        let decision = engine.send(fix, now: Demo.noon)
        #expect(decision.verdict == .forward)
        if let code {
            #expect(decision.codes == [code])
            #expect(decision.state == .breach)
            #expect(decision.eventKinds == ["breach_started", "integrity_problem"])
        } else {
            #expect(decision.findings.isEmpty)
            #expect(decision.state == .compliant)
        }
    }

    @Test("the clock limits come from the policy")
    func configuredSkew() {
        var engine = Demo.engine {
            $0.maximumClockAhead = 0
            $0.maximumClockBehind = 5
        }
        #expect(engine.send(Fix(seq: 1, time: Demo.noon), now: Demo.noon).findings.isEmpty)
        #expect(
            engine.send(Fix(seq: 2, time: Demo.noon.addingTimeInterval(0.5)), now: Demo.noon).codes == ["clock_ahead"])
        let behind = engine.send(Fix(seq: 3, time: Demo.noon.addingTimeInterval(-6)), now: Demo.noon)
        #expect(behind.codes.contains("clock_behind"))
    }

    @Test("the clock problem's detail gives both numbers")
    func skewDetail() {
        var engine = Demo.engine()
        let decision = engine.send(Fix(time: Demo.noon.addingTimeInterval(4.85)), now: Demo.noon)
        #expect(decision.findings.first?.detail == "fix time 4.850 s ahead of the gateway, allowed 2.000 s")
    }

    @Test("a repeated or older seq is withheld with an integrity_problem, and the drone's state is unchanged")
    func replayedSeq() throws {
        var engine = Demo.engine()
        let accepted = Fix(seq: 5)
        #expect(engine.send(accepted).verdict == .forward)
        // Replays far away and later: if they were taken as the drone's last fix, the next one would be an
        // implausible jump; if their breach state were kept, the next one would end a breach.
        let far = Demo.north(of: accepted.position, metres: 2_000)
        for (index, seq) in [5, 4, 0].enumerated() {
            var replay = Fix(seq: seq, time: accepted.time.addingTimeInterval(-0.5), position: far)
            replay.altitude = 20
            let decision = engine.send(replay)
            #expect(decision.verdict == .withhold, "seq \(seq)")
            #expect(decision.state == .breach)
            #expect(decision.codes == ["replayed_seq"])
            #expect(decision.findings.first?.detail == "seq \(seq) is not above the last accepted 5")
            #expect(decision.egressPublications.isEmpty)
            // The first replay starts the problem; the next ones, while it lasts, are counted without an event.
            guard index == 0 else {
                #expect(decision.publications.isEmpty)
                continue
            }
            #expect(decision.publications.count == 1)
            #expect(decision.publications.first?.topic == "flowgate/events/D1")
            #expect(decision.eventKinds == ["integrity_problem"])
            #expect(decision.publishedEvents.first?["seq"] == .number(seq))
            #expect(decision.publishedEvents.first?["reasons"]?.codes == ["replayed_seq"])
            // A withheld fix's position does not leak through its event.
            #expect(decision.publishedEvents.first?["position"] == nil)
        }
        let next = accepted.next(after: 1, at: Demo.north(of: accepted.position, metres: 10))
        let decision = engine.send(next)
        #expect(decision.verdict == .forward)
        #expect(decision.state == .compliant)
        #expect(decision.findings.isEmpty)
        #expect(decision.eventKinds.isEmpty)
        // And seq 6 is now the one to beat.
        #expect(engine.send(next).verdict == .withhold)
    }

    @Test("a drone that reboots in the air counts again from low: accepted with seq_restarted when its time is newer")
    func seqRestart() throws {
        var engine = Demo.engine()
        var fix = Fix(seq: 1_842)
        #expect(engine.send(fix).verdict == .forward)
        // The same count again with a newer time is no restart: not low.
        fix = fix.next(after: 1)
        fix.seq = 1_842
        #expect(engine.send(fix).codes == ["replayed_seq"])
        // A reboot: the count starts again, the drone's own time goes on.
        var rebooted = fix.next(after: 1)
        rebooted.seq = 1
        let decision = engine.send(rebooted)
        #expect(decision.verdict == .forward, "\(decision.codes)")
        #expect(decision.eventKinds == ["seq_restarted"])
        #expect(decision.publishedEvents.first?["seq"] == .number(1))
        // From now on the new count is the one to beat; a message of the count before the restart (a higher
        // seq, an older time) and a replay of the new count are withheld.
        #expect(engine.send(rebooted.next(after: 1)).verdict == .forward)
        var old = Fix(seq: 1_843)
        old.time = Demo.noon.addingTimeInterval(0.5)
        let before = engine.send(old, now: Demo.noon.addingTimeInterval(4))
        #expect(before.codes == ["replayed_seq"])
        #expect(before.findings.first?.detail == "seq 1843 belongs to the count before the drone's restart")
        var replay = rebooted
        replay.seq = 1
        #expect(engine.send(replay, now: Demo.noon.addingTimeInterval(5)).codes == ["replayed_seq"])
    }

    @Test("a restart is not taken from a fix whose time is older than the last, or outside the clock limits")
    func noRestartFromOldOrSkewedTime() {
        var engine = Demo.engine()
        let fix = Fix(seq: 1_000)
        #expect(engine.send(fix).verdict == .forward)
        var old = Fix(seq: 1, time: Demo.noon.addingTimeInterval(-1))
        #expect(engine.send(old, now: Demo.noon.addingTimeInterval(1)).codes == ["replayed_seq"])
        old.time = Demo.noon.addingTimeInterval(10)
        #expect(engine.send(old, now: Demo.noon.addingTimeInterval(1)).codes == ["replayed_seq"])
    }

    @Test("a replay during a breach does not end or change it")
    func replayDuringBreach() {
        var engine = Demo.engine()
        let low = Fix(seq: 3, altitude: 20)
        #expect(engine.send(low).eventKinds == ["breach_started"])
        let replay = Fix(seq: 2, time: low.time.addingTimeInterval(0.5))
        #expect(engine.send(replay).eventKinds == ["integrity_problem"])
        // Still below the floor: no breach_changed (the replay's reasons were not kept), no breach_started.
        #expect(engine.send(low.next(altitude: 21)).eventKinds.isEmpty)
    }

    @Test("a fix with an integrity problem and a zone breach lists both, integrity first")
    func integrityAndZone() {
        var engine = Demo.engine()
        let decision = engine.send(Fix(time: Demo.noon.addingTimeInterval(10), altitude: 20), now: Demo.noon)
        #expect(decision.codes == ["clock_ahead", "below_floor"])
        #expect(decision.eventKinds == ["breach_started", "integrity_problem"])
        #expect(decision.publishedEvents.last?["reasons"]?.codes == ["clock_ahead"])
    }
}
