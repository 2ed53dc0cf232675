import AirspaceFixtures
import Foundation
import StrictJSON

@testable import Compliance

/// Random payload messages from one seed, for comparing the fast path with the tree: valid messages of every
/// product (members in any order, strings and numbers near their limits), then changed in their tree (members
/// added at any depth, doubled, removed, retyped, pushed out of range, names and kinds swapped) and in their
/// text (see ``PayloadTextMutation``).
struct PayloadMessageGenerator {
    var rng: SeededRandom

    init(seed: UInt64) { rng = SeededRandom(seed: seed) }

    static let products = ["crowd_count", "crowd_density", "crowd_flow", "route_estimate", "imagery"]

    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }

    mutating func pick<T>(_ choices: [T]) -> T { choices[Int.random(in: 0..<choices.count, using: &rng)] }

    mutating func number(_ range: ClosedRange<Double>) -> JSONValue {
        chance(0.2)
            ? .number(pick([range.lowerBound, range.upperBound])) : .number(Double.random(in: range, using: &rng))
    }

    mutating func integer(_ range: ClosedRange<Int>) -> JSONValue { .number(Int.random(in: range, using: &rng)) }

    /// The next message: a valid one, changed or not.
    mutating func next() -> [UInt8] {
        var object = valid(product: pick(Self.products))
        if chance(0.6) {
            for _ in 0..<Int.random(in: 1...3, using: &rng) { object = mutated(object) }
        }
        var text = Array(JSONWriter.write(.object(object)).utf8)
        if chance(0.4) { text = PayloadTextMutation.respellNumbers(text, using: &rng) }
        if chance(0.3) { text = TelemetryScanTests.respell(text, using: &rng) }
        if chance(0.3) { text = PayloadTextMutation.damage(text, using: &rng) }
        return text
    }

    /// A valid message of `product` for drone D7, stream cam0.
    mutating func valid(product: String) -> JSONObject {
        var members: [(key: String, value: JSONValue)] = [
            ("v", .number(1)), ("drone", "D7"),
            ("mission", .string(pick(["M-0412", "m.1_x", String(repeating: "M", count: 64)]))),
            ("stream", "cam0"), ("seq", integer(0...1_000_000)),
            ("time", .string(pick(["2026-11-28T14:03:22.300Z", "2026-11-28T15:03:22+01:00"]))),
            ("product", .string(product)),
        ]
        if chance(0.6) { members.append(("sensor", .object(sensor()))) }
        members.append(("data", .object(data(product))))
        return shuffled(JSONObject(members))
    }

    mutating func sensor() -> JSONObject {
        var members: [(key: String, value: JSONValue)] = [
            ("kind", .string(pick(["eo_camera", "ir_camera"]))), ("hfov_deg", number(1...179)),
            ("image_width_px", integer(pick([1...100, 640...8_000, 99_990...100_000]))), ("zoom", number(1...30)),
        ]
        if chance(0.5) { members.append(("vfov_deg", number(1...179))) }
        if chance(0.6) { members.append(("slant_range_m", number(1...900))) }
        if chance(0.5) { members.append(("depression_deg", number(0...90))) }
        return shuffled(JSONObject(members))
    }

    mutating func point() -> JSONValue {
        .object(shuffled(["lat": number(-90...90), "lon": number(-180...180)]))
    }

    mutating func data(_ product: String) -> JSONObject {
        let rows = Int.random(in: 1...12, using: &rng)
        let cols = Int.random(in: 1...12, using: &rng)
        var members: [(key: String, value: JSONValue)] = []
        switch product {
        case "crowd_count":
            members = [
                ("area", .object(["lat": number(-90...90), "lon": number(-180...180), "radius_m": number(1...500)])),
                ("count", integer(0...1_000)),
            ]
        case "crowd_density", "crowd_flow":
            members = [
                ("origin", point()), ("cell_m", number(1...50)), ("rows", .number(rows)), ("cols", .number(cols)),
            ]
            if product == "crowd_density" {
                members.append(
                    ("counts", .array((0..<(rows * cols)).map { _ in integer(pick([0...0, 0...5, 0...90])) })))
            } else {
                let places = (0..<(rows * cols)).filter { _ in chance(0.5) }.shuffled(using: &rng)
                members.append(("cells", .array(places.map { flowCell(row: $0 / cols, col: $0 % cols) })))
            }
        case "route_estimate":
            members = [("line", .array((0..<Int.random(in: 2...6, using: &rng)).map { _ in point() }))]
            if chance(0.5) { members.append(("confidence", number(0...1))) }
        default:
            members =
                chance(0.5) ? [("frame_ref", "urn:x:1")] : [("clip_ref", "s3://b/c.mp4"), ("duration_s", .number(12))]
        }
        return shuffled(JSONObject(members))
    }

    mutating func flowCell(row: Int, col: Int) -> JSONValue {
        .object(
            shuffled([
                "row": .number(row), "col": .number(col), "direction_deg": number(0...360), "speed_mps": number(0...50),
                "count": integer(pick([0...5, 0...1_000])),
            ]))
    }

    mutating func shuffled(_ object: JSONObject) -> JSONObject {
        chance(0.5) ? JSONObject(object.members.shuffled(using: &rng)) : object
    }
}
