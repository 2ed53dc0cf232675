import AirspaceFixtures
import Compliance
import Crypto
import Foundation
import StrictJSON
import Testing

/// Who released a stream is proved, not claimed: an order is obeyed only when signed with the key configured
/// for the operator it names, fresh, never seen before and not retained.
@Suite("Release orders: authentication")
struct ReleaseAuthenticationTests {
    static let key = Curve25519.Signing.PrivateKey()
    static let stream = StreamKey(drone: "D1", stream: "cam0")

    /// An engine whose D1/cam0 is suspended, with the operator's key configured.
    static func engine() -> ComplianceEngine {
        var engine = ComplianceEngine.withCompliantFix {
            $0.operatorKeys = ["duty-officer": Self.key.publicKey.rawRepresentation]
        }
        _ = engine.send(LivePayload().identifying)
        return engine
    }

    static func order(
        _ name: String = "duty-officer", key: Curve25519.Signing.PrivateKey = key, at time: Date = Demo.noon
    ) throws -> ReleaseOrder {
        try ReleaseOrder.signed(
            stream: stream, operatorName: name, reason: "checked on site: a poster", issuedAt: time, key: key)
    }

    static func refusal(_ engine: inout ComplianceEngine, _ order: ReleaseOrder, retained: Bool = false, now: Date)
        throws -> Rejection?
    {
        let decision = engine.decide(.releaseOrder(try ReleaseOrder(json: order.json), retained: retained), at: now)
        return decision.rejection
    }

    @Test("a signed, fresh order releases the stream and names the verified operator")
    func valid() throws {
        var engine = Self.engine()
        let decision = engine.decide(.releaseOrder(try Self.order(), retained: false), at: Demo.noon)
        #expect(decision.verdict == .withhold)
        #expect(decision.release != nil)
        #expect(decision.rejection == nil)
        let event = try #require(decision.events.first)
        let object = try #require(try JSONParser.parse(event.publication.payload).objectValue)
        #expect(object["event"] == "stream_released")
        #expect(object["by"] == "duty-officer")
        #expect(engine.suspensions.isEmpty)
    }

    @Test(
        "forged, misattributed, expired, early, retained and replayed orders are refused, and release nothing",
        arguments: [
            "other key", "unknown operator", "another operator's name", "expired", "ahead", "retained",
            "replayed", "tampered reason",
        ])
    func refused(_ attack: String) throws {
        var engine = Self.engine()
        var order = try Self.order()
        var now = Demo.noon
        var retained = false
        switch attack {
        case "other key": order = try Self.order(key: Curve25519.Signing.PrivateKey())
        case "unknown operator": order = try Self.order("someone", key: Curve25519.Signing.PrivateKey())
        case "another operator's name":
            // Signed by the configured operator, but claiming to be someone else.
            order = try Self.order("chief-superintendent")
        case "expired": now = Demo.noon.addingTimeInterval(301)
        case "ahead": order = try Self.order(at: Demo.noon.addingTimeInterval(31))
        case "retained": retained = true
        case "replayed":
            var first = Self.engine()
            #expect(first.decide(.releaseOrder(order, retained: false), at: now).release != nil)
            engine = first
            _ = engine.send(LivePayload(seq: 2).identifying)
        default: order.reason = "checked on site: nothing at all"
        }
        let rejection = try #require(Self.refusal(&engine, order, retained: retained, now: now), "\(attack)")
        #expect(rejection.code == .notAuthenticated, "\(attack): \(rejection)")
        #expect(!engine.suspensions.isEmpty, "\(attack) released the stream")
    }

    @Test("an order without a signature, time or nonce is refused before anything else")
    func unsigned() throws {
        let text =
            #"{"action":"release","drone":"D1","stream":"cam0","operator":"duty-officer","reason":"checked on site"}"#
        #expect(throws: Rejection.self) { try ReleaseOrder(json: Array(text.utf8)) }
        do {
            _ = try ReleaseOrder(json: Array(text.utf8))
        } catch {
            #expect(error.code == .notAuthenticated)
        }
    }

    @Test("operator key files: written by keygen, read back, refused when not a key")
    func keyFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-op-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("officer").path
        try OperatorKey.generate(at: path)
        let privateKey = try OperatorKey.readPrivate(path)
        #expect(try OperatorKey.readPublic(path + ".pub").rawRepresentation == privateKey.publicKey.rawRepresentation)
        #expect(throws: OperatorKey.FileError.self) { try OperatorKey.readPublic(path) }
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }
}
