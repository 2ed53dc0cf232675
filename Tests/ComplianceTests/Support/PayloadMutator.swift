import AirspaceFixtures
import Foundation
import Geo
import StrictJSON

/// Random telemetry-like payloads from one seed: valid fixes, fixes with a member removed, retyped or pushed
/// out of range, unknown members, and texts damaged after writing (cut, a byte changed, a key doubled).
struct PayloadMutator {
    var rng: SeededRandom
    var seq = 0
    var clock = Demo.noon

    init(seed: UInt64) { rng = SeededRandom(seed: seed) }

    static let paths = [
        "v", "drone", "mission", "seq", "time", "position", "position.lat", "position.lon", "position.alt_m",
        "position.alt_ref", "velocity", "velocity.ground_speed_mps", "velocity.track_deg",
        "velocity.vertical_speed_mps", "battery_pct",
    ]

    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }

    mutating func pick<T>(_ choices: [T]) -> T { choices[Int.random(in: 0..<choices.count, using: &rng)] }

    /// The next message: the topic it is published on, the time it arrives, and its bytes.
    mutating func next() -> (topic: String, now: Date, payload: [UInt8]) {
        seq += Int.random(in: -2...3, using: &rng)
        clock = clock.addingTimeInterval(Double(Int.random(in: 0...3_000, using: &rng)) / 1000)
        var fix = Fix()
        fix.drone = pick(["D1", "D1", "D2", "D3", "D9"])
        fix.seq = max(0, seq)
        fix.time = clock.addingTimeInterval(Double(Int.random(in: -40_000...5_000, using: &rng)) / 1000)
        fix.position = GeoPoint(
            latitude: 52.51 + Double.random(in: 0...0.02, using: &rng),
            longitude: 13.35 + Double.random(in: 0...0.05, using: &rng))
        fix.altitude = Double.random(in: -50...250, using: &rng)
        fix.reference = pick(["AGL", "AMSL", "WGS84"])
        if chance(0.4) {
            fix.velocity = ["ground_speed_mps": .number(Double.random(in: 0...30, using: &rng))]
        }
        if chance(0.3) { fix.battery = Double(Int.random(in: 0...100, using: &rng)) }
        var object = fix.json
        for _ in 0..<Int.random(in: 0...2, using: &rng) {
            let path = pick(Self.paths).split(separator: ".").map(String.init)
            object = Fix.set(object, path: path, to: chance(0.3) ? nil : value())
        }
        if chance(0.3) { object[key()] = value() }
        var text = Array(JSONWriter.write(.object(object)).utf8)
        if chance(0.15), !text.isEmpty { text = Array(text.prefix(Int.random(in: 0..<text.count, using: &rng))) }
        if chance(0.1), !text.isEmpty {
            text[Int.random(in: 0..<text.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
        }
        if chance(0.05) { text.insert(contentsOf: Array(#""drone":"D1","#.utf8), at: min(1, text.count)) }
        let topic =
            chance(0.9)
            ? "fleet/\(chance(0.9) ? fix.drone : pick(["D1", "D2", "x y", ""]))/telemetry"
            : pick(["fleet/D1", "compliant/D1/telemetry", "fleet/D1/telemetry/x", "#"])
        return (topic, clock, text)
    }

    mutating func key() -> String { pick(["x", "camera_serial", "track_id", "", "v ", "position", "\u{0}", "é"]) }

    /// Values that test types and edges: numbers at and past the limits, ids that are almost valid.
    mutating func value() -> JSONValue {
        switch Int.random(in: 0..<9, using: &rng) {
        case 0: return .null
        case 1: return .bool(chance(0.5))
        case 2:
            return .number(
                pick([0, -0.0, 1, -1, 1.5, 90, 90.000001, -180.5, 100, 100.5, 1e308, -1e308, 9_007_199_254_740_992]))
        case 3: return .number(Int.random(in: -1_000...1_000, using: &rng))
        case 4:
            return .string(
                pick([
                    "", " ", "D1", "D2", "AGL", "agl", "WGS84", "2026-11-28T13:00:00Z", "2026-11-28T13:00:00",
                    String(repeating: "D", count: 65), "M-0412", "D1\u{0}",
                ]))
        case 5: return .array([.number(1), .string("a")])
        case 6: return .object(["lat": .number(52.5), "lon": .number(13.4)])
        case 7:
            return .object([
                "lat": .number(Double.random(in: -100...100, using: &rng)),
                "lon": .number(Double.random(in: -200...200, using: &rng)), "alt_m": .number(75),
                "alt_ref": .string(pick(["AGL", "AMSL", "agl", "X"])), key(): .number(1),
            ])
        default: return .object([:])
        }
    }
}
