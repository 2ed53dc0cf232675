import Compliance
import Foundation
import Geo
import StrictJSON
import Testing

/// Payload messages joined to the drone's live fix on the demo site: a payload passes only while its drone is
/// compliant now.
@Suite("Payload engine: the live join")
struct EnginePayloadTests {
    @Test("a payload before any fix of its drone is blocked with no_fix, and nothing is published but the event")
    func noFix() throws {
        var engine = Demo.engine()
        let decision = engine.send(LivePayload())
        #expect(decision.verdict == .block)
        #expect(decision.codes == ["no_fix"])
        #expect(decision.stream == "cam0")
        #expect(decision.product == "crowd_density")
        #expect(decision.egressPublications.isEmpty)
        #expect(decision.eventKinds == ["payload_blocked"])
        let event = try #require(decision.publishedEvents.first)
        #expect(event["drone"] == "D1")
        #expect(event["stream"] == "cam0")
        #expect(event["reasons"]?.codes == ["no_fix"])
        #expect(event["data"] == nil, "a blocked payload's content was published")
        #expect(decision.publications.allSatisfy { $0.topic == "flowgate/events/D1" })
    }

    @Test("after a compliant fix the payload is forwarded on its compliant topic, rebuilt from schema fields only")
    func forwardAfterCompliantFix() throws {
        var engine = ComplianceEngine.withCompliantFix()
        var payload = LivePayload()
        payload.sensor = Payload.camera
        let decision = engine.send(payload, now: Demo.noon.addingTimeInterval(1))
        #expect(decision.verdict == .forward)
        #expect(decision.findings.isEmpty)
        #expect(decision.publishedEvents.isEmpty)
        #expect(decision.forwarded?.cells == 6)
        #expect(decision.forwarded?.totalCount == 104)
        #expect(decision.forwarded?.suppressedCells == 0)
        let publication = try #require(decision.egressPublications.first)
        #expect(decision.egressPublications.count == 1)
        #expect(publication.topic == "compliant/D1/payload/cam0")
        #expect(publication.qos == 1)
        let message = try #require(decision.egressJSON)
        #expect(Set(message.keys) == ["v", "drone", "mission", "stream", "seq", "time", "product", "sensor", "data"])
        #expect(message["drone"] == "D1")
        #expect(message["stream"] == "cam0")
        #expect(message["product"] == "crowd_density")
        let data = try #require(message["data"]?.objectValue)
        #expect(
            Set(data.keys) == ["origin", "cell_m", "rows", "cols", "counts", "suppressed", "suppressed_cells"])
        #expect(data["counts"] == .array([0, 14, 31, 7, 0, 52].map { .number($0) }))
        #expect(message["sensor"]?["kind"] == "eo_camera")
    }

    @Test("a fix 5 s old still carries the payload; a millisecond more and it is fix_stale (gateway clock)")
    func staleFix() {
        var engine = ComplianceEngine.withCompliantFix()
        var payload = LivePayload()
        payload.time = Demo.noon.addingTimeInterval(5)
        #expect(engine.send(payload, now: Demo.noon.addingTimeInterval(5)).verdict == .forward)
        payload.seq += 1
        let stale = engine.send(payload, now: Demo.noon.addingTimeInterval(5.001))
        #expect(stale.verdict == .block)
        #expect(stale.codes == ["fix_stale"])
        // A fresh fix lifts it.
        _ = engine.send(Fix().next(after: 6), now: Demo.noon.addingTimeInterval(6))
        #expect(engine.send(payload, now: Demo.noon.addingTimeInterval(6.5)).verdict == .forward)
    }

    @Test("a payload naming another mission than the drone's telemetry is blocked with mission_mismatch")
    func missionMismatch() {
        var engine = ComplianceEngine.withCompliantFix()
        var payload = LivePayload()
        payload.mission = "M-9999"
        let decision = engine.send(payload)
        #expect(decision.verdict == .block)
        #expect(decision.codes == ["mission_mismatch"])
        #expect(decision.egressPublications.isEmpty)
    }

    @Test("over St. Hedwig's Cathedral (a no-capture zone) the drone may fly but its payload is blocked")
    func noCapture() throws {
        var engine = Demo.engine()
        var fix = Fix()
        fix.position = GeoPoint(latitude: 52.5158, longitude: 13.3946)
        let telemetry = engine.send(fix)
        #expect(telemetry.state != .breach, "flying over is allowed: \(telemetry.codes)")
        let decision = engine.send(LivePayload())
        #expect(decision.verdict == .block)
        #expect(decision.codes == ["in_no_capture"])
        #expect(decision.findings.first?.subject == "nc-st-hedwig")
        // Back in the corridor (2.4 km west, at a plausible speed), capture is allowed again.
        _ = engine.send(fix.next(after: 120, at: Demo.corridor))
        var later = LivePayload(seq: 2)
        later.time = Demo.noon.addingTimeInterval(120)
        #expect(engine.send(later, now: Demo.noon.addingTimeInterval(120)).verdict == .forward)
    }

    @Test("a fix is as old as the earlier of its own time and its arrival: stamped 6 s ago, it is already stale")
    func fixStampedLongAgo() {
        var engine = Demo.engine()
        // Within telemetry's clock limits (30 s behind), so the fix itself is compliant, but too old to carry
        // payload (5 s).
        var fix = Fix()
        fix.time = Demo.noon.addingTimeInterval(-6)
        #expect(engine.send(fix, now: Demo.noon).state == .compliant)
        let decision = engine.send(LivePayload(), now: Demo.noon)
        #expect(decision.verdict == .block)
        #expect(decision.codes == ["fix_stale"])
        var fresh = Fix().next(after: 1)
        fresh.time = Demo.noon.addingTimeInterval(0.5)
        _ = engine.send(fresh, now: Demo.noon.addingTimeInterval(1))
        #expect(engine.send(LivePayload(seq: 2), now: Demo.noon.addingTimeInterval(1)).verdict == .forward)
    }

    @Test("a payload's own time is held to telemetry's clock limits: 2 s ahead, 30 s behind")
    func payloadClock() {
        var engine = ComplianceEngine.withCompliantFix()
        var payload = LivePayload()
        payload.time = Demo.noon.addingTimeInterval(2.5)
        let ahead = engine.send(payload, now: Demo.noon)
        #expect(ahead.verdict == .block)
        #expect(ahead.codes == ["payload_clock_ahead"])
        payload.seq += 1
        payload.time = Demo.noon.addingTimeInterval(-31)
        #expect(engine.send(payload, now: Demo.noon).codes == ["payload_clock_behind"])
        payload.seq += 1
        payload.time = Demo.noon.addingTimeInterval(1.9)
        #expect(engine.send(payload, now: Demo.noon).verdict == .forward)
    }

    /// A second fix one second after the compliant one, and the breach it gives the drone.
    static let breaches: [(String, GeoPoint, Double, String)] = [
        ("outside the operation area", Demo.southOfCorridor, 75, "outside_operation_area"),
        ("below the floor", Demo.corridor, 20, "below_floor"),
        ("in a no-fly zone", Demo.rescueLandingSite, 75, "in_no_fly"),
        ("after an implausible jump", Demo.north(of: Demo.corridor, metres: 60), 75, "implausible_speed"),
    ]

    @Test("a drone in breach delivers no payload: blocked with the breach's own code", arguments: breaches)
    func breach(name: String, position: GeoPoint, altitude: Double, code: String) {
        var engine = Demo.engine()
        // A minute before, so that the other places are reached at a plausible speed; the jump takes 1 s.
        let gap: Double = code == "implausible_speed" ? 0 : 60
        #expect(engine.send(Fix(time: Demo.noon.addingTimeInterval(-gap))).state == .compliant)
        let second = engine.send(Fix().next(at: position, altitude: altitude))
        #expect(second.codes.contains(code))
        let decision = engine.send(LivePayload(), now: Demo.noon.addingTimeInterval(1.5))
        #expect(decision.verdict == .block)
        #expect(decision.codes.contains(code), "\(decision.codes)")
        #expect(!decision.codes.contains("no_fix"))
        #expect(decision.egressPublications.isEmpty)
    }

    @Test("a spoofed payload (its drone is not the topic's) is refused with message_rejected and never published")
    func spoofed() throws {
        var engine = ComplianceEngine.withCompliantFix()
        var payload = LivePayload()
        payload.drone = "D2"
        let decision = engine.process(
            topic: "fleet/D1/payload/cam0", payload: payload.bytes, receivedAt: Demo.noon)
        #expect(decision.verdict == .block)
        #expect(decision.rejection?.code == .droneMismatch)
        #expect(decision.egressPublications.isEmpty)
        #expect(decision.eventKinds == ["message_rejected"])
        #expect(!decision.publishedText.contains("D2"))
    }

    @Test("payload_blocked is published when a stream's reasons change, not for every blocked message")
    func blockedEventsOnChange() {
        var engine = Demo.engine()
        var counts = DecisionCounts()
        func send(_ payload: LivePayload, now: Date) -> Decision {
            let decision = engine.send(payload, now: now)
            counts.count(decision)
            return decision
        }
        let at = { (seconds: Double) in Demo.noon.addingTimeInterval(seconds) }
        #expect(send(LivePayload(), now: at(0)).eventKinds == ["payload_blocked"])
        #expect(send(LivePayload(seq: 2), now: at(0.5)).eventKinds == [])
        // Another stream keeps its own account.
        #expect(send(LivePayload(stream: "cam1"), now: at(0.6)).eventKinds == ["payload_blocked"])
        counts.count(engine.send(Fix(time: at(1)), now: at(1)))
        var otherMission = LivePayload(seq: 3)
        otherMission.mission = "M-1"
        let changed = send(otherMission, now: at(1.5))
        #expect(changed.eventReasons == ["payload_blocked": ["mission_mismatch"]])
        #expect(send(otherMission, now: at(1.6)).eventKinds == [])
        // A message that passes resets the account: the next block is news again.
        #expect(send(LivePayload(seq: 4), now: at(1.7)).verdict == .forward)
        #expect(send(otherMission, now: at(1.8)).eventKinds == ["payload_blocked"])
        #expect(counts[.block] == 6)
        #expect(counts[.forward] == 2, "the fix and one payload")
        #expect(counts.reasons[.finding(.join(.noFix))] == 3)
        #expect(counts.reasons[.finding(.join(.missionMismatch))] == 3)
    }
}
