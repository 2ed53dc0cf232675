import Compliance
import Foundation
import StrictJSON
import Testing

/// The operator's release order as it arrives on the control topic: exactly the documented object, or refused.
@Suite("Payload engine: release orders")
struct EnginePayloadReleaseOrderTests {
    static let valid: JSONObject = [
        "action": "release", "drone": "D1", "stream": "cam0", "operator": "duty-officer-7",
        "reason": "false positive of the vendor's classifier", "time": "2026-11-28T13:00:00.000Z",
        "nonce": "00112233445566778899aabbccddeeff", "signature": .string(Data(count: 64).base64EncodedString()),
    ]

    @Test("a valid order names the stream, the operator and the reason, and writes back to the same order")
    func valid() throws {
        let order = try ReleaseOrder(json: bytes(Self.valid))
        #expect(order.stream == StreamKey(drone: "D1", stream: "cam0"))
        #expect(order.operatorName == "duty-officer-7")
        #expect(order.reason == "false positive of the vendor's classifier")
        #expect(try ReleaseOrder(json: order.json) == order)
    }

    /// A change to the valid order, and the code and field its refusal must give.
    static let refusals: [(String, JSONObject?, String, RejectionCode, String?)] = [
        ("an unknown field", Fix.set(valid, path: ["ticket"], to: "T-1"), "", .invalidField, "ticket"),
        ("another action", Fix.set(valid, path: ["action"], to: "suspend"), "", .invalidField, "action"),
        ("a reason under 10 characters", Fix.set(valid, path: ["reason"], to: "   ok  "), "", .invalidField, "reason"),
        ("no operator", Fix.set(valid, path: ["operator"], to: nil), "", .invalidField, "operator"),
        ("an empty operator", Fix.set(valid, path: ["operator"], to: ""), "", .invalidField, "operator"),
        ("a drone that is no identifier", Fix.set(valid, path: ["drone"], to: "D 1"), "", .invalidField, "drone"),
        ("no stream", Fix.set(valid, path: ["stream"], to: nil), "", .invalidField, "stream"),
        ("a nested value", Fix.set(valid, path: ["reason"], to: .object(["text": "x"])), "", .invalidField, "reason"),
        ("no signature", Fix.set(valid, path: ["signature"], to: nil), "", .notAuthenticated, "signature"),
        ("no nonce", Fix.set(valid, path: ["nonce"], to: nil), "", .notAuthenticated, "signature"),
        ("a short nonce", Fix.set(valid, path: ["nonce"], to: "0011"), "", .invalidField, "nonce"),
        (
            "a signature of another length", Fix.set(valid, path: ["signature"], to: "AAAA"), "", .invalidField,
            "signature"
        ),
        ("a time without offset", Fix.set(valid, path: ["time"], to: "2026-11-28T13:00:00"), "", .invalidField, "time"),
        ("not JSON", nil, "release D1/cam0", .malformedJSON, nil),
        ("an array", nil, "[]", .malformedJSON, nil),
    ]

    @Test("an order that is not exactly the documented object is refused, naming the field", arguments: refusals)
    func refused(name: String, object: JSONObject?, raw: String, code: RejectionCode, field: String?) {
        let payload = object.map(bytes) ?? bytes(raw)
        do {
            _ = try ReleaseOrder(json: payload)
            Issue.record("the order was accepted")
        } catch {
            #expect(error.code == code, "\(error)")
            #expect(error.field == field, "\(error)")
        }
    }

    @Test("a refused order changes nothing, and its event goes to the unattributed events topic")
    func refusedChangesNothing() throws {
        var engine = ComplianceEngine.withCompliantFix()
        _ = engine.send(LivePayload().identifying)
        var rejection: Rejection?
        do {
            _ = try ReleaseOrder(json: bytes(Fix.set(Self.valid, path: ["reason"], to: "because")))
        } catch {
            rejection = error
        }
        let refusal = try #require(rejection)
        let refused = engine.decide(.unreadableOrder(refusal), at: Demo.noon)
        #expect(refused.verdict == .reject)
        let event = try #require(refused.publications.first)
        #expect(event.topic == "flowgate/events/_unattributed")
        let object = try #require(try JSONParser.parse(event.payload).objectValue)
        #expect(object["event"] == "release_refused")
        #expect(object["field"] == "reason")
        #expect(engine.suspensions.count == 1)
        #expect(engine.send(LivePayload(seq: 2)).codes == ["stream_suspended"])
    }
}
