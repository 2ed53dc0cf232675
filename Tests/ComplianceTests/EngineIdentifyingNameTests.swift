import AirspaceFixtures
import Compliance
import Crypto
import Foundation
import StrictJSON
import Testing

/// Stream and mission names are the sender's text: one that names identification is refused, suspends its
/// stream, and is written everywhere (decision, events, the record) as a digest, never verbatim.
@Suite("Payload engine: identifying stream and mission names")
struct EngineIdentifyingNameTests {
    static let stream = "imsi_262011234567890"

    @Test("a stream named for identification is blocked, suspended and known by its digest only")
    func streamName() throws {
        var engine = ComplianceEngine.withCompliantFix()
        var payload = LivePayload()
        payload.stream = Self.stream
        let decision = engine.send(payload)
        #expect(decision.verdict == .block)
        #expect(decision.codes == ["identifying_name"])
        let digest = SenderName.digest(Self.stream)
        #expect(SenderName.isDigest(digest))
        #expect(decision.stream == digest)
        for publication in decision.publications {
            let text = String(decoding: publication.payload, as: UTF8.self)
            #expect(!text.contains("262011234567890"), "\(publication.topic): \(text)")
            #expect(!text.contains("imsi_"), "\(publication.topic): \(text)")
        }
        #expect(
            decision.publishedEvents.contains { $0["event"] == "stream_suspended" && $0["stream"] == .string(digest) })
        #expect(engine.suspensions[StreamKey(drone: "D1", stream: digest)] != nil)
        // Released by the name the operator sees in the record (the digest), the stream is known again, and
        // still refused for its name.
        let released = engine.release(
            StreamKey(drone: "D1", stream: digest), by: "duty-officer", reason: "checked: a test", now: Demo.noon)
        #expect(released != nil)
        payload.seq += 1
        #expect(engine.send(payload).codes == ["identifying_name"])
        // Released by its plain name too.
        #expect(
            engine.release(
                StreamKey(drone: "D1", stream: Self.stream), by: "duty-officer", reason: "checked: a test",
                now: Demo.noon) != nil)
    }

    @Test("a mission named for identification is blocked, and the decision carries its digest")
    func missionName() {
        var engine = ComplianceEngine.withCompliantFix()
        var payload = LivePayload()
        payload.mission = "face-watch-2026"
        let decision = engine.send(payload)
        #expect(decision.verdict == .block)
        #expect(decision.codes.contains("identifying_name"))
        #expect(decision.mission == SenderName.digest("face-watch-2026"))
    }

    @Test("a release order may name a stream by its digest, and by nothing else outside the name grammar")
    func releaseOrderDigest() throws {
        let key = Curve25519.Signing.PrivateKey()
        let digest = SenderName.digest(Self.stream)
        let order = try ReleaseOrder.signed(
            stream: StreamKey(drone: "D1", stream: digest), operatorName: "o", reason: "checked on site",
            issuedAt: Demo.noon, key: key)
        #expect(try ReleaseOrder(json: order.json).stream.stream == digest)
        for bad in ["..", ".hidden", "#xyz", "a/b"] {
            var forged = order
            forged.stream.stream = bad
            #expect(throws: Rejection.self) { try ReleaseOrder(json: forged.json) }
        }
    }

    @Test("'.' and '..' are no drone, stream or mission: the topic matches no pattern, the field is refused")
    func dotNames() {
        var engine = ComplianceEngine.withCompliantFix()
        for stream in [".", "..", ".cam", "cam..0"] {
            let decision = engine.process(
                topic: "fleet/D1/payload/\(stream)", payload: LivePayload().bytes, receivedAt: Demo.noon)
            #expect(decision.rejection?.code == .unknownTopic, "\(stream)")
        }
        var payload = LivePayload()
        payload.mission = ".."
        #expect(engine.send(payload).rejection?.code == .invalidField)
    }
}
