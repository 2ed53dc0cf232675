import Compliance
import Foundation
import StrictJSON
import Testing

/// Streams latched by identification data, and the operator's release.
@Suite("Payload engine: stream suspension and release")
struct EnginePayloadStreamTests {
    static let cam0 = StreamKey(drone: "D1", stream: "cam0")
    static let reason = "false positive of the vendor's classifier, checked on site"

    @Test("an identification product is blocked and suspends its stream; the stream's later messages are not read")
    func suspension() throws {
        var engine = ComplianceEngine.withCompliantFix()
        let face = engine.send(LivePayload().identifying)
        #expect(face.verdict == .block)
        #expect(face.codes == ["identification_product"])
        #expect(face.egressPublications.isEmpty)
        #expect(face.eventKinds == ["stream_suspended", "payload_blocked"])
        #expect(face.eventReasons["stream_suspended"] == ["identification_product"])
        #expect(engine.suspensions[Self.cam0]?.product == "face_crop")
        #expect(engine.suspensions[Self.cam0]?.codes == [.payload(.identificationProduct)])
        #expect(engine.suspensions[Self.cam0]?.since == Demo.noon)

        // A perfectly good grid on the latched stream: blocked, not even decoded (no product).
        let later = engine.send(LivePayload(seq: 2), now: Demo.noon.addingTimeInterval(1))
        #expect(later.verdict == .block)
        #expect(later.codes == ["stream_suspended"])
        #expect(later.product == nil)
        #expect(later.findings.first?.detail.contains("identification_product") == true)
        #expect(later.eventReasons == ["payload_blocked": ["stream_suspended"]])
        // Not even parsed: garbage on the latched stream is still stream_suspended, not malformed_json.
        let garbage = engine.process(
            topic: "fleet/D1/payload/cam0", payload: Array("{not json".utf8),
            receivedAt: Demo.noon.addingTimeInterval(2))
        #expect(garbage.verdict == .block)
        #expect(garbage.codes == ["stream_suspended"])
        #expect(garbage.rejection == nil)
        #expect(garbage.eventKinds == [], "the reasons did not change")

        // The drone's other stream is not latched.
        let other = engine.send(LivePayload(stream: "cam1"), now: Demo.noon.addingTimeInterval(2))
        #expect(other.verdict == .forward)
        #expect(other.egressPublications.first?.topic == "compliant/D1/payload/cam1")
        #expect(engine.suspensions.keys.sorted() == [Self.cam0])
    }

    @Test("an identification sensor and an identifying field latch the stream too")
    func otherIdentification() {
        var engine = ComplianceEngine.withCompliantFix()
        var sniffer = LivePayload(stream: "rf0")
        sniffer.sensor = ["kind": "imsi_catcher"]
        #expect(engine.send(sniffer).codes.contains("identification_sensor"))
        var tracked = LivePayload(stream: "cam2")
        tracked.data = Payload.density().merging(["track_id": .number(7)])
        let decision = engine.send(tracked)
        #expect(decision.codes.contains("identifying_field"))
        #expect(decision.eventKinds.first == "stream_suspended")
        #expect(
            Set(engine.suspensions.keys) == [
                StreamKey(drone: "D1", stream: "rf0"), StreamKey(drone: "D1", stream: "cam2"),
            ]
        )
    }

    @Test("a release lifts the suspension, names operator and reason, and the stream passes again")
    func release() throws {
        var engine = ComplianceEngine.withCompliantFix()
        _ = engine.send(LivePayload().identifying)
        _ = engine.send(LivePayload(seq: 2), now: Demo.noon.addingTimeInterval(1))
        let now = Demo.noon.addingTimeInterval(2)
        let released = engine.release(Self.cam0, by: "duty-officer-7", reason: Self.reason, now: now)
        let publication = try #require(released).publication
        #expect(publication.topic == "flowgate/events/D1")
        let event = try #require(try JSONParser.parse(publication.payload).objectValue)
        #expect(event["event"] == "stream_released")
        #expect(event["drone"] == "D1")
        #expect(event["stream"] == "cam0")
        #expect(event["by"] == "duty-officer-7")
        #expect(event["reason"] == .string(Self.reason))
        #expect(event["time"] == "2026-11-28T13:00:02.000Z")
        #expect(engine.suspensions.isEmpty)

        let after = engine.send(LivePayload(seq: 3), now: Demo.noon.addingTimeInterval(3))
        #expect(after.verdict == .forward)
        #expect(after.publishedEvents.isEmpty)
        // A second release, or one for a stream never suspended, changes nothing.
        let again = engine.release(Self.cam0, by: "duty-officer-7", reason: Self.reason, now: now)
        #expect(again == nil)
        let never = engine.release(
            StreamKey(drone: "D2", stream: "cam0"), by: "duty-officer-7", reason: Self.reason, now: now)
        #expect(never == nil)
        // Identification again latches again.
        _ = engine.send(LivePayload(seq: 4).identifying, now: Demo.noon.addingTimeInterval(4))
        #expect(engine.send(LivePayload(seq: 5), now: Demo.noon.addingTimeInterval(4)).codes == ["stream_suspended"])
    }

    @Test("a suspension restored after a restart latches the stream as before")
    func restore() {
        var engine = ComplianceEngine.withCompliantFix()
        engine.restore(
            Self.cam0, Suspension(since: Demo.noon, codes: [.payload(.identificationProduct)], product: "face_crop"))
        #expect(engine.send(LivePayload()).codes == ["stream_suspended"])
    }

    @Test("an undecodable message that carries identification data still latches its stream")
    func undecodableIdentification() throws {
        var engine = ComplianceEngine.withCompliantFix()
        var broken = LivePayload()
        // rows * cols is 6 but only two counts: undecodable; the track id is found all the same.
        broken.data = Payload.density(counts: [1, 2]).merging(["track_id": .number(7)])
        let decision = engine.send(broken)
        #expect(decision.verdict == .block)
        #expect(decision.rejection?.code == .invalidField)
        #expect(decision.codes.contains("identifying_field"))
        #expect(decision.eventKinds.contains("stream_suspended"))
        #expect(decision.eventKinds.contains("message_rejected"))
        #expect(engine.suspensions[Self.cam0] != nil)
        #expect(engine.send(LivePayload(seq: 2)).codes == ["stream_suspended"])
        // Without identification data an undecodable message does not latch anything.
        var plain = LivePayload(stream: "cam1")
        plain.data = Payload.density(counts: [1, 2])
        #expect(engine.send(plain).rejection?.code == .invalidField)
        #expect(engine.suspensions[StreamKey(drone: "D1", stream: "cam1")] == nil)
    }
}
