import AirspaceFixtures
import Compliance
import Foundation
import PropertyBased
import StrictJSON
import Testing

/// Fail closed, whatever comes in: nothing identifying is ever forwarded, redacted grids hold no small
/// counts, and garbage never passes.
@Suite("Payload rules: properties")
struct PayloadPropertyTests {
    static let identifyingKeys = [
        "trackId", "TRACK-ID", "person.id", "faceEmbedding", "mac_address", "IMSI", "Re-ID", "licence plate",
        "biometricTemplate", "device_id", "imei", "gait", "plate", "PERSON_TRACK",
    ]

    static let everyMode: [Set<RuleFamily>] = [[], [.purpose], [.aggregation, .optics], Set(RuleFamily.allCases)]

    @Test("no message with an identifying key at any depth is forwarded, in any mode")
    func identifyingKeyNeverForwarded() async {
        await propertyCheck(count: 300, input: Gen.uint64(in: 1...UInt64.max >> 1)) { seed in
            var random = SeededRandom(seed: seed)
            var object = Self.validMessage(&random)
            let key = Self.identifyingKeys.randomElement(using: &random)!
            object = Self.insert(key, into: object, using: &random)
            let judgement = Payload.inspect(object)
            #expect(judgement.identification, "\(JSONWriter.write(.object(object)))")
            for modes in Self.everyMode {
                #expect(judgement.verdict(observing: modes) == .block)
                #expect(judgement.forwarded(observing: modes) == nil)
            }
        }
    }

    @Test("a forwarded or redacted grid never holds a count from 1 to k-1")
    func noSmallCounts() async {
        await propertyCheck(count: 300, input: Gen.uint64(in: 1...UInt64.max >> 1)) { seed in
            var random = SeededRandom(seed: seed)
            let k = Int.random(in: 1...6, using: &random)
            let policy = try! PayloadPolicy.validated(suppressionThreshold: k)
            let object = Self.validMessage(
                &random, product: ["crowd_density", "crowd_flow", "crowd_count"].randomElement(using: &random)!)
            let judgement = Payload.inspect(object, policy: policy)
            for modes in [Set<RuleFamily>(), [.purpose, .optics]] {
                guard let forwarded = judgement.forwarded(observing: modes) else { continue }
                let counts = Self.counts(in: forwarded.message["data"] ?? .null)
                #expect(!counts.contains { (1..<k).contains($0) }, "k = \(k): \(counts)")
                #expect(forwarded.totalCount == counts.reduce(0, +) || forwarded.totalCount == nil)
            }
        }
    }

    @Test("random bytes are never forwarded")
    func randomBytes() async {
        await propertyCheck(count: 300, input: Gen.uint8().array(of: 0...300)) { payload in
            let judgement = Payload.inspect(payload)
            #expect(judgement.verdict(observing: Set(RuleFamily.allCases)) == .block)
            #expect(judgement.rejection != nil)
        }
    }

    @Test("damaged messages never crash; what passes is made of the schema's keys only")
    func damagedMessages() async {
        await propertyCheck(count: 300, input: Gen.uint64(in: 1...UInt64.max >> 1)) { seed in
            var random = SeededRandom(seed: seed)
            var object = Self.validMessage(&random)
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                object = Self.damage(object, using: &random)
            }
            var text = Array(JSONWriter.write(.object(object)).utf8)
            if Bool.random(using: &random), !text.isEmpty {
                text[Int.random(in: 0..<text.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
            let judgement = Payload.inspect(text)
            for modes in Self.everyMode {
                guard let forwarded = judgement.forwarded(observing: modes) else { continue }
                #expect(!judgement.identification)
                let keys = Self.keys(in: .object(forwarded.message))
                #expect(keys.isSubset(of: Self.schemaKeys), "\(keys.subtracting(Self.schemaKeys))")
            }
        }
    }

    static let schemaKeys: Set<String> = [
        "v", "drone", "mission", "stream", "seq", "time", "product", "sensor", "data", "kind", "hfov_deg", "vfov_deg",
        "image_width_px", "zoom", "slant_range_m", "depression_deg", "origin", "lat", "lon", "cell_m", "rows", "cols",
        "counts", "cells", "row", "col", "direction_deg", "speed_mps", "count", "area", "radius_m", "line",
        "confidence", "frame_ref", "clip_ref", "duration_s", "suppressed", "suppressed_cells",
    ]

    static func validMessage(_ random: inout SeededRandom, product: String? = nil) -> JSONObject {
        let product =
            product
            ?? ["crowd_count", "crowd_density", "crowd_flow", "route_estimate", "imagery"].randomElement(
                using: &random)!
        let rows = Int.random(in: 1...4, using: &random)
        let cols = Int.random(in: 1...4, using: &random)
        let data: JSONObject
        switch product {
        case "crowd_count":
            data = [
                "area": .object(["lat": .number(52.5), "lon": .number(13.4), "radius_m": .number(50)]),
                "count": .number(Int.random(in: 0...6, using: &random)),
            ]
        case "crowd_density":
            data = Payload.density(
                counts: (0..<(rows * cols)).map { _ in Int.random(in: 0...6, using: &random) }, rows: rows, cols: cols)
        case "crowd_flow":
            let cells = (0..<(rows * cols)).filter { _ in Bool.random(using: &random) }.map {
                Payload.flowCell($0 / cols, $0 % cols, count: Int.random(in: 0...6, using: &random))
            }
            data = Payload.flow(cells, rows: rows, cols: cols)
        case "route_estimate":
            data = ["line": .array([Payload.origin, Payload.origin]), "confidence": .number(0.5)]
        default:
            data = ["frame_ref": "urn:x:1"]
        }
        return Payload.message(product, data: data, sensor: Bool.random(using: &random) ? Payload.camera : nil)
    }

    /// The message with `key` added to a random object at any depth: the envelope, the sensor, the data, or
    /// an object nested in any of them.
    static func insert(_ key: String, into object: JSONObject, using random: inout SeededRandom) -> JSONObject {
        var object = object
        let value: JSONValue = .number(7)
        if object.count == 0 || Int.random(in: 0..<4, using: &random) == 0 {
            object[key] = Bool.random(using: &random) ? value : .object(["x": .object([key: value])])
            return object
        }
        let member = object.members.randomElement(using: &random)!
        switch member.value {
        case .object(let inner):
            object[member.key] = .object(insert(key, into: inner, using: &random))
        case .array(var items) where !items.isEmpty:
            let index = Int.random(in: 0..<items.count, using: &random)
            if case .object(let inner) = items[index] {
                items[index] = .object(insert(key, into: inner, using: &random))
            } else {
                items[index] = .object([key: value])
            }
            object[member.key] = .array(items)
        default:
            object[key] = value
        }
        return object
    }

    /// One member removed, retyped or pushed out of range, somewhere.
    static func damage(_ object: JSONObject, using random: inout SeededRandom) -> JSONObject {
        var object = object
        guard let member = object.members.randomElement(using: &random) else { return object }
        let replacements: [JSONValue?] = [
            nil, .null, .string("x"), .number(-1), .number(1e300), .number(2.5), .array([]), .object([:]),
            .string("data:x"), .string(String(repeating: "QUJD", count: 40)),
        ]
        if case .object(let inner) = member.value, Bool.random(using: &random) {
            object[member.key] = .object(damage(inner, using: &random))
        } else {
            object[member.key] = replacements.randomElement(using: &random)!
        }
        return object
    }

    static func counts(in data: JSONValue) -> [Int] {
        var counts = (data["counts"]?.arrayValue ?? []).compactMap { $0.doubleValue.map { Int($0) } }
        counts += (data["cells"]?.arrayValue ?? []).compactMap { $0["count"]?.doubleValue.map { Int($0) } }
        if let count = data["count"]?.doubleValue { counts.append(Int(count)) }
        return counts
    }

    static func keys(in value: JSONValue) -> Set<String> {
        switch value {
        case .object(let object):
            object.members.reduce(into: Set(object.keys)) { $0.formUnion(keys(in: $1.value)) }
        case .array(let items): items.reduce(into: Set<String>()) { $0.formUnion(keys(in: $1)) }
        default: []
        }
    }
}
