import AirspaceFixtures
import Compliance
import Foundation
import PropertyBased
import StrictJSON
import Testing

/// Identification never passes, however it is named, spelt, encoded, nested or moded: generated adversarial
/// messages through the engine (a compliant drone, so nothing else blocks them), in every mode. None is
/// forwarded, and each suspends its stream: the next, valid message on it is blocked as `stream_suspended`.
@Suite("Identification: generated adversarial messages")
struct IdentificationPropertyTests {
    enum Placement: CaseIterable {
        case product, sensorKind, member, streamName, missionName, tooDeep, truncated, encodedImage, identifier
    }

    static let modes: [Set<RuleFamily>] = [
        [], [.purpose], [.geofence, .aggregation, .optics], Set(RuleFamily.allCases),
    ]

    @Test("no generated identification is forwarded, and every one suspends its stream, in every mode")
    func neverForwarded() async {
        await propertyCheck(count: 600, input: Gen.uint64(in: 1...UInt64.max >> 1)) { seed in
            var mutator = IdentificationMutator(seed: seed)
            let placement = mutator.pick(Placement.allCases)
            let observing = mutator.pick(Self.modes)
            var engine = ComplianceEngine.withCompliantFix { $0.observing = observing }
            let (topic, bytes) = Self.message(placement, &mutator)
            let decision = engine.process(topic: topic, payload: bytes, receivedAt: Demo.noon)
            let shown = "\(placement) \(observing): \(String(decoding: bytes.suffix(700), as: UTF8.self))"
            #expect(decision.verdict == .block, "\(shown) \(decision.codes)")
            #expect(!decision.publications.contains { $0.isForward }, "\(shown)")
            #expect(
                decision.publishedEvents.contains { $0["event"] == "stream_suspended" }, "\(shown) \(decision.codes)")
            // The next message on the stream, valid in every way, is blocked by the latch.
            let next = Self.valid(topic: topic, seq: 78)
            let after = engine.process(topic: topic, payload: next, receivedAt: Demo.noon)
            #expect(after.codes == ["stream_suspended"], "\(shown) then \(after.codes)")
        }
    }

    @Test("the mutator's innocent words and compliant messages are not identification")
    func compliantStillPasses() {
        var engine = ComplianceEngine.withCompliantFix()
        for (index, stream) in ["cam0", "eo-main", "ir1", "flow0", "img_0", "density.north"].enumerated() {
            let topic = "fleet/D1/payload/\(stream)"
            let decision = engine.process(
                topic: topic, payload: Self.valid(topic: topic, seq: index), receivedAt: Demo.noon)
            #expect(decision.verdict == .forward, "\(stream): \(decision.codes)")
        }
    }

    static func object(stream: String = "cam0", mission: String = "M-0412", seq: Int = 77) -> JSONObject {
        [
            "v": .number(1), "drone": "D1", "mission": .string(mission), "stream": .string(stream), "seq": .number(seq),
            "time": .string(Fix.format(Demo.noon)), "product": "crowd_density", "sensor": .object(Payload.camera),
            "data": .object(Payload.density()),
        ]
    }

    static func valid(topic: String, seq: Int) -> [UInt8] {
        let stream = String(topic.split(separator: "/").last!)
        return bytes(object(stream: stream, seq: seq))
    }

    static func with(_ object: JSONObject, _ key: String, _ value: JSONValue) -> JSONObject {
        var object = object
        object[key] = value
        return object
    }

    /// A message carrying identification by `placement`, and its topic.
    static func message(_ placement: Placement, _ mutator: inout IdentificationMutator) -> (String, [UInt8]) {
        var object = object()
        var stream = "cam0"
        switch placement {
        case .product:
            object["product"] = .string(mutator.name())
        case .sensorKind:
            object["sensor"] = .object(Self.with(Payload.camera, "kind", .string(mutator.name())))
        case .member:
            var random = mutator.random
            object = PayloadPropertyTests.insert(mutator.name(), into: object, using: &random)
            mutator.random = random
        case .streamName:
            stream = mutator.name(grammar: true)
            object["stream"] = .string(stream)
        case .missionName:
            object["mission"] = .string(mutator.name(grammar: true))
        case .tooDeep:
            var nested: JSONValue = .object([mutator.name(): .number(1)])
            for _ in 0..<Int.random(in: 17...30, using: &mutator.random) { nested = .object(["n": nested]) }
            object["data"] = .object(Self.with(Payload.density(), "x", nested))
        case .truncated:
            object["product"] = .string(mutator.name())
            let bytes = bytes(object)
            let product = bytes.indices.first { bytes[$0...].starts(with: Array(#""product""#.utf8)) }!
            let cut = Int.random(in: (product + 60)...(bytes.count - 2), using: &mutator.random)
            return ("fleet/D1/payload/\(stream)", Array(bytes.prefix(cut)))
        case .encodedImage:
            let encoded = mutator.encodedImage()
            if mutator.chance(2) {
                object["product"] = "imagery"
                object["data"] = .object(["frame_ref": .string("urn:x:" + encoded)])
            } else {
                object["data"] = .object(Self.with(Payload.density(), "note", .string(encoded)))
            }
        case .identifier:
            let identifier = mutator.identifier()
            if mutator.chance(2) {
                object["product"] = "imagery"
                object["data"] = .object(["frame_ref": .string("https://media.example/\(identifier)/f.jpg")])
            } else {
                object["data"] = .object(Self.with(Payload.density(), "note", .string("seen \(identifier)")))
            }
        }
        return ("fleet/D1/payload/\(stream)", bytes(object))
    }
}
