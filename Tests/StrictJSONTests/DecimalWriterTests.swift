import AirspaceFixtures
import Foundation
import PropertyBased
import Testing

@testable import StrictJSON

/// Decimals written digit by digit must be the very text Swift writes for them (`"\(value)"`), which the
/// forwarded messages held before: a reader comparing bytes must see no change.
@Suite("JSONWriter: decimals digit by digit")
struct DecimalWriterTests {
    func written(_ value: Double) -> String {
        var out: [UInt8] = []
        JSONWriter.write(double: value, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static let edgeValues: [Double] = {
        let simple: [Double] = [
            0.0, -0.0, 1, -1, 0.5, 87.0, 87.5, 360, 1.2, 52.516, 13.377, -180, 0.1, 0.7, 9.95, 1.005,
        ]
        let computed: [Double] = [0.1 + 0.2, 1.0 / 3, 2.0 / 3, 4.35, 1e-3 + 1e-18, 100_000 - 1e-9]
        let positionalEnds: [Double] = [
            1e-3, 0.000_999_999, 1e-4, 1.5e-4, 1e-5, 123_456_789_012_345.6, 999_999_999_999_999.9, 1e15, 1e15 - 0.125,
            0x1p50, 0x1p50 - 0.25, 0x1p53, 1e16, 1e22,
        ]
        let extremes: [Double] = [
            1e300, .leastNonzeroMagnitude, .ulpOfOne, 1 + .ulpOfOne, .greatestFiniteMagnitude, .infinity, -.infinity,
            .nan,
        ]
        return simple + computed + positionalEnds + extremes
    }()

    @Test("edges: zero, the ends of the positional range, values without a short decimal", arguments: edgeValues)
    func edges(_ value: Double) {
        let expected = value.isFinite ? "\(value)" : "null"
        #expect(written(value) == expected)
    }

    @Test("random decimals of a few digits, as sensors write them")
    func shortDecimals() async {
        await propertyCheck(count: 500, input: Gen.uint64(in: 1...UInt64.max >> 1)) { seed in
            var random = SplitMix64(seed: seed)
            for _ in 0..<200 {
                let digits = Double(Int64.random(in: -10_000_000_000...10_000_000_000, using: &random))
                let value = digits / pow(10, Double(Int.random(in: 0...16, using: &random)))
                #expect(written(value) == "\(value)")
            }
        }
    }

    @Test("random doubles of every magnitude and bit pattern")
    func anyDouble() async {
        await propertyCheck(count: 500, input: Gen.uint64(in: 1...UInt64.max >> 1)) { seed in
            var random = SplitMix64(seed: seed)
            for _ in 0..<200 {
                let bits = UInt64.random(in: 0...UInt64.max, using: &random)
                let any = Double(bitPattern: bits)
                let scaled =
                    Double.random(in: -1...1, using: &random) * pow(10, Double.random(in: -6...17, using: &random))
                for value in [any, scaled] where value.isFinite {
                    #expect(written(value) == "\(value)")
                }
            }
        }
    }

    @Test("the writers use it: a number member and element read back as the same value")
    func writers() throws {
        var object = JSONObjectWriter()
        object.member("d", number: 87.5)
        object.memberArray("a") { $0.number(0.1 + 0.2) }
        let text = String(decoding: object.finish(), as: UTF8.self)
        #expect(text == #"{"d":87.5,"a":[0.30000000000000004]}"#)
        #expect(JSONWriter.write(.number(1.25)) == "1.25")
    }
}
