import AirspaceFixtures
import PropertyBased
import StrictJSON
import Testing

/// ``JSONArrayWriter/integers(_:nullWhere:)`` writes what the element calls write.
@Suite("JSONArrayWriter: integers at once")
struct JSONArrayWriterIntegersTests {
    @Test("the same bytes as one element at a time, nulls where marked")
    func integers() async {
        await propertyCheck(count: 200, input: Gen.uint64(in: 1...UInt64.max >> 1)) { seed in
            var rng = SplitMix64(seed: seed)
            let values = (0..<Int.random(in: 0...40, using: &rng)).map { _ in
                [
                    Int.random(in: 0...99, using: &rng), Int.random(in: -1_000_000...1_000_000, using: &rng), Int.max,
                    Int.min,
                    (1 << 53) + 1,
                ][Int.random(in: 0...4, using: &rng)]
            }
            let isNull: [Bool]? =
                Bool.random(using: &rng)
                ? (0..<(values.count + Int.random(in: 0...2, using: &rng))).map { _ in Bool.random(using: &rng) } : nil
            var atOnce = JSONObjectWriter()
            atOnce.memberArray("a") { $0.integers(values, nullWhere: isNull) }
            var oneByOne = JSONObjectWriter()
            oneByOne.memberArray("a") { array in
                for index in values.indices {
                    if isNull?[index] == true { array.null() } else { array.integer(values[index]) }
                }
            }
            #expect(atOnce.finish() == oneByOne.finish())
        }
    }
}
