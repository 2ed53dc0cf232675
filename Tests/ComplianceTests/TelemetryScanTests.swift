import AirspaceFixtures
import Foundation
import PropertyBased
import StrictJSON
import Testing

@testable import Compliance

/// The decoder's fast path over the bytes must decide exactly as the tree decoder: the same fix for what it
/// accepts, and for everything else the tree's answer (it falls back).
@Suite("Telemetry decoder: the fast path agrees with the tree")
struct TelemetryScanTests {
    let decoder = TelemetryDecoder()

    func agree(_ payload: [UInt8], topicDrone: String) -> (agrees: Bool, fast: Bool) {
        let tree = Result { () throws(Rejection) in try decoder.decodeTree(payload, topicDrone: topicDrone) }
        let decoded = Result { () throws(Rejection) in try decoder.decode(payload, topicDrone: topicDrone) }
        let fast = payload.withUnsafeBufferPointer { TelemetryScan.fix(in: $0, topicDrone: topicDrone) }
        // Whatever the fast path accepts, the tree accepts as the same fix.
        let fastAgrees = fast.map { tree == .success($0) } ?? true
        return (decoded == tree && fastAgrees, fast != nil)
    }

    @Test("random and mutated telemetry: the same fix or the same rejection")
    func mutatedTelemetry() async {
        await propertyCheck(count: 200, input: Gen.uint64(in: 1...UInt64.max >> 1)) { seed in
            var mutator = PayloadMutator(seed: seed)
            var rng = SeededRandom(seed: seed ^ 0x5DEECE66D)
            for _ in 0..<40 {
                let (topic, _, payload) = mutator.next()
                let drone = topic.split(separator: "/", omittingEmptySubsequences: false).dropFirst().first
                let variant = Self.respell(payload, using: &rng)
                for candidate in [payload, variant] {
                    #expect(
                        agree(candidate, topicDrone: drone.map(String.init) ?? "D1").agrees,
                        "\(String(decoding: candidate, as: UTF8.self))")
                }
            }
        }
    }

    @Test("plain telemetry takes the fast path, in any member order and spacing")
    func fastPathTaken() {
        var mutator = PayloadMutator(seed: 7)
        var rng = SeededRandom(seed: 11)
        var fast = 0
        var accepted = 0
        for _ in 0..<2_000 {
            let (topic, _, payload) = mutator.next()
            let drone = String(topic.split(separator: "/", omittingEmptySubsequences: false).dropFirst().first ?? "")
            let variant = Self.respell(payload, using: &rng)
            let answer = agree(variant, topicDrone: drone)
            #expect(answer.agrees)
            if answer.fast { fast += 1 }
            if (try? decoder.decodeTree(variant, topicDrone: drone)) != nil { accepted += 1 }
        }
        // Most accepted messages are plain; unknown members and escapes go through the tree.
        #expect(fast > accepted / 2, "fast \(fast) of \(accepted) accepted")
    }

    @Test("exact edges: duplicates, nulls, escapes, number spellings and trailing text")
    func edges() {
        let base =
            #"{"v":1,"drone":"D1","mission":"M-0412","seq":7,"time":"2026-11-28T12:00:00Z","#
            + #""position":{"lat":52.5152,"lon":13.36,"alt_m":75,"alt_ref":"AGL"}}"#
        // Each case: the base message with one piece replaced.
        let edits: [(String, String)] = [
            (#""v":1"#, #""v":1"#),
            (#""v":1"#, #""v":1.0"#),
            (#""v":1"#, #""v":1e0"#),
            (#""v":1"#, #""v":2"#),
            (#""v":1"#, #""v":01"#),
            (#""seq":7"#, #""seq":7.5"#),
            (#""seq":7"#, #""seq":-0"#),
            (#""seq":7"#, #""seq":7,"seq":8"#),
            (#""lat":52.5152"#, #""lat":52.5152,"lat":1"#),
            (#""drone":"D1""#, #""drone":"D\u0031""#),
            (#""drone":"D1""#, #""drone":"D2""#),
            (#""alt_ref":"AGL""#, #""alt_ref":"agl""#),
            ("}}", #"},"velocity":{}}"#),
            ("}}", #"},"velocity":null}"#),
            ("}}", #"},"velocity":{"track_deg":360,"track_deg":1}}"#),
            ("}}", #"},"battery_pct":100.0}"#),
            ("}}", #"},"battery_pct":null}"#),
            ("}}", #"},"extra":[1,{"a":2}]}"#),
            ("}}", "}} x"),
            ("}}", "}}\n\t "),
            (#"":"#, #"" : "#),
            (",", " ,\n"),
            (#""lat":52.5152,"#, #""lat":52.5152,"q":1,"#),
            (#""time":"2026-11-28T12:00:00Z""#, #""time":"2026-11-28T12:00:00""#),
            (#""lat":52.5152"#, #""lat":1e400"#),
            (#""lat":52.5152"#, #""lat":90.0000000000000000001"#),
            ("}}", "}"),
        ]
        let cases = edits.map { base.replacingOccurrences(of: $0.0, with: $0.1) }
        for text in cases {
            #expect(agree(Array(text.utf8), topicDrone: "D1").agrees, "\(text)")
        }
        #expect(agree(Array(base.utf8), topicDrone: "D1").fast)
        #expect(agree(Array(cases[20].utf8), topicDrone: "D1").fast, "spaced out")
        #expect(agree(Array(cases[21].utf8), topicDrone: "D1").fast, "spaced out")
    }

    /// The same JSON spelt differently: whitespace around the punctuation, and some numbers in another form.
    static func respell(_ payload: [UInt8], using rng: inout SeededRandom) -> [UInt8] {
        var out: [UInt8] = []
        var inString = false
        var previous: UInt8 = 0
        for byte in payload {
            if byte == UInt8(ascii: "\""), previous != UInt8(ascii: "\\") { inString.toggle() }
            previous = byte
            out.append(byte)
            if !inString, [UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "{")].contains(byte),
                Int.random(in: 0..<4, using: &rng) == 0
            {
                out.append(
                    contentsOf: [UInt8(ascii: " "), UInt8(ascii: "\n")].prefix(Int.random(in: 1...2, using: &rng)))
            }
        }
        return out
    }
}
