import PropertyBased
import StrictJSON
import Testing

@Suite("Writing and parsing back")
struct RoundTripTests {
    /// Guards the properties below: a generator that only made `null` would pass them all.
    @Test("the random generator makes every type, nesting, escapes and astral scalars")
    func generatorCoverage() {
        var types = Set<String>()
        var deepest = 0
        var texts = ""
        for seed in UInt64(0)..<200 {
            var random = RandomJSON(seed: seed)
            let value = random.value()
            deepest = max(deepest, depth(of: value))
            func visit(_ v: JSONValue) {
                types.insert(v.typeName)
                v.arrayValue?.forEach(visit)
                v.objectValue?.members.forEach { visit($0.value) }
            }
            visit(value)
            texts += random.text(for: value)
        }
        #expect(types == ["null", "boolean", "number", "string", "array", "object"])
        #expect(deepest >= 4)
        for fragment in [#"\\"#, #"\""#, #"\u"#, #"\/"#, #"\b"#, "\t", " "] {
            #expect(texts.contains(fragment), "\(fragment)")
        }
        #expect(texts.unicodeScalars.contains { $0.value > 0xFFFF })
    }

    @Test("parse(write(v)) == v for random value trees, and writing is byte-for-byte stable")
    func randomTrees() async throws {
        await propertyCheck(count: 300, input: seeds) { seed in
            var random = RandomJSON(seed: seed)
            let value = random.value()
            let text = JSONWriter.write(value)
            let reparsed = try JSONParser.parse(text)
            #expect(reparsed == value, "\(text)")
            // `==` on strings is canonical equivalence; the bytes must survive exactly.
            #expect(Array(JSONWriter.write(reparsed).utf8) == Array(text.utf8))
        }
    }

    @Test("random spellings (white space, \\u escapes, surrogate pairs, \\/) parse to the same value")
    func randomSpellings() async throws {
        await propertyCheck(count: 300, input: seeds) { seed in
            var random = RandomJSON(seed: seed)
            let value = random.value()
            let text = random.text(for: value)
            let reparsed = try JSONParser.parse(text)
            #expect(reparsed == value, "\(text.debugDescription)")
            #expect(Array(JSONWriter.write(reparsed).utf8) == Array(JSONWriter.write(value).utf8))
        }
    }

    @Test(
        "parse(write(parse(text))) == parse(text), and the written form is a fixed point",
        arguments: [
            "{\"a\" : [ 1 , 2.5 , -3e-7 , true , null ] ,\n \"b\" : { \"c\" : \"\\u00e9\\ud83d\\ude00\\/\\b\" } }",
            "[\"\\u0000\\u001f\\u007f\", \"\\\"\\\\\", -0, 0.1, 1.7976931348623157e308, 5e-324, 9007199254740992]",
            "\"e\\u0301\"", "[[[[[]]]]]", "{\"\":{\"\":{\"\":[]}}}", " 123456789 ", "[1.5e300,-2.25E-300,1234.5678]",
        ])
    func stableAfterOneRound(text: String) throws {
        let first = try parsed(text)
        let written = JSONWriter.write(first)
        let second = try parsed(written)
        #expect(second == first)
        #expect(JSONWriter.write(second) == written)
    }

    @Test("random documents reach a fixed point after one write")
    func fixedPoint() async {
        await propertyCheck(count: 200, input: seeds) { seed in
            var random = RandomJSON(seed: seed)
            let text = random.text(for: random.value())
            let once = JSONWriter.write(try JSONParser.parse(text))
            let twice = JSONWriter.write(try JSONParser.parse(once))
            #expect(once == twice)
        }
    }

    /// `JSONWriter.format` writes whole values below 1e15 as integers even when `isInteger` is false ("2.0" becomes
    /// "2"), and integers beyond 2^53 in exponent form ("1e+22"). The integer flag is part of `JSONNumber` equality,
    /// so these numbers come back different.
    @Test(
        "a number's integer flag (and sign) survives writing and parsing back",
        arguments: [
            JSONNumber(2.0), JSONNumber(-0.0), JSONNumber(0.0), JSONNumber(100.0), JSONNumber(-12345.0),
            JSONNumber(Int.max), JSONNumber(Int.min), JSONNumber(1 << 60),
        ])
    func integerFlagSurvivesWriting(number: JSONNumber) throws {
        let text = JSONWriter.write(.number(number))
        let reparsed = try #require(try parsed(text).numberValue)
        let label = "JSONNumber(double: \(number.double), isInteger: \(number.isInteger)) written as \(text)"
        #expect(reparsed.double == number.double, "\(label)")
        #expect(reparsed.double.sign == number.double.sign, "\(label)")
        #expect(reparsed == number, "\(label)")
    }

    @Test(
        "parsing the written form of a parsed number gives the same number",
        arguments: ["2.0", "1e2", "-0.0", "1E0", "10000000000000000000000", "123456789012345678901"])
    func parsedNumberStable(text: String) throws {
        let first = try #require(try parsed(text).numberValue)
        let written = JSONWriter.write(.number(first))
        let second = try #require(try parsed(written).numberValue)
        let label = "\(text) (isInteger: \(first.isInteger)) written as \(written)"
        #expect(second == first, "\(label)")
    }
}
