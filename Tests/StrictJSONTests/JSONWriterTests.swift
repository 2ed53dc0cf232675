import StrictJSON
import Testing

@Suite("JSONWriter")
struct JSONWriterTests {
    @Test("compact output: no white space, members in their order")
    func compact() {
        let value = JSONValue.object([
            "z": .array([.number(1), .number(2), .array([])]),
            "a": .object(["x": .null, "y": .bool(true)]),
            "s": "text",
            "e": .object(JSONObject()),
            "f": .bool(false),
        ])
        #expect(JSONWriter.write(value) == #"{"z":[1,2,[]],"a":{"x":null,"y":true},"s":"text","e":{},"f":false}"#)
    }

    @Test(
        "scalars",
        arguments: [
            (JSONValue.null, "null"), (.bool(true), "true"), (.bool(false), "false"), ("", #""""#), ("ab", #""ab""#),
            (.array([]), "[]"), (.object(JSONObject()), "{}"), (.array([.null]), "[null]"),
        ]
    )
    func scalars(value: JSONValue, expected: String) {
        #expect(JSONWriter.write(value) == expected)
    }

    @Test("integers near the short paths' edges are their decimal digits")
    func integers() {
        let values = Array(-12...120) + [999, 1_000, -100, Int(Int32.max), Int(Int32.min), 1 << 53, -(1 << 53)]
        for value in values {
            #expect(JSONWriter.write(.number(value)) == String(value))
            #expect(JSONWriter.write(.number(Double(value))) == "\(Double(value))")
        }
        #expect(JSONWriter.write(.array([.number(7), .number(42), .number(0)])) == "[7,42,0]")
    }

    @Test("an integer written directly has the text of the same integer as a JSONNumber, beyond 2^53 too")
    func integersDirect() {
        let edges = [0, 9, 10, 99, 100, -1, -99, -100, 1 << 53, (1 << 53) + 1, -(1 << 53) - 1, .max, .min, .max - 1]
        for value in edges + (0..<200).map({ $0 * 7_919 - 500_000 }) {
            var direct: [UInt8] = []
            JSONWriter.write(integer: value, into: &direct)
            #expect(direct == JSONWriter.bytes(.number(value)), "\(value)")
        }
    }

    @Test("quotes, backslashes and control characters are escaped")
    func escaping() {
        #expect(JSONWriter.write("say \"hi\"") == #""say \"hi\"""#)
        #expect(JSONWriter.write("C:\\dir\\") == #""C:\\dir\\""#)
        #expect(JSONWriter.write("a\nb\rc\td") == #""a\nb\rc\td""#)
        #expect(JSONWriter.write("\u{1F}") == #""\u001f""#)
        #expect(JSONWriter.write("\u{0}") == #""\u0000""#)
        #expect(JSONWriter.write("\u{8}\u{C}") == #""\u0008\u000c""#)
        #expect(JSONWriter.write(.object(["k\"\n": "v"])) == #"{"k\"\n":"v"}"#)
    }

    @Test("every control character U+0000…U+001F is written escaped, as one that parses back", arguments: 0..<0x20)
    func everyControlCharacter(code: Int) throws {
        let s = String(Character(Unicode.Scalar(UInt8(code))))
        let text = JSONWriter.write(.string(s))
        #expect(!text.utf8.contains { $0 < 0x20 })
        #expect(text.hasPrefix("\"\\"))
        #expect(try parsed(text).stringValue.map { Array($0.unicodeScalars) } == Array(s.unicodeScalars))
    }

    @Test("non-ASCII, DEL, slash and U+2028 are written as they are")
    func unescaped() {
        let s = "é😀/\u{7F}\u{2028}e\u{301}"
        let text = JSONWriter.write(.string(s))
        #expect(Array(text.utf8) == Array(("\"" + s + "\"").utf8))
    }

    @Test(
        "integers are written without a fraction",
        arguments: [
            (0, "0"), (1, "1"), (-1, "-1"), (42, "42"), (1_000_000, "1000000"), (-987_654_321, "-987654321"),
            (9_007_199_254_740_992, "9007199254740992"), (-9_007_199_254_740_992, "-9007199254740992"),
        ]
    )
    func integers(value: Int, expected: String) {
        #expect(JSONWriter.write(.number(value)) == expected)
        #expect(JSONNumber(value).description == expected)
    }

    @Test(
        "fractions are written with Swift's shortest round-tripping form",
        arguments: [
            (0.5, "0.5"), (-0.25, "-0.25"), (0.1, "0.1"), (3.141592653589793, "3.141592653589793"), (1e-7, "1e-07"),
            (1.5e300, "1.5e+300"), (Double.leastNonzeroMagnitude, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
        ]
    )
    func fractions(value: Double, expected: String) throws {
        let text = JSONWriter.write(.number(value))
        #expect(text == expected)
        #expect(try parsed(text).doubleValue == value)
    }

    @Test("parsed integers are written back as they were")
    func parsedIntegers() throws {
        for text in ["0", "-7", "123456789", "9007199254740992", "[1,-2,3]", "{\"n\":10}"] {
            #expect(try JSONWriter.write(parsed(text)) == text)
        }
    }

    @Test("non-finite numbers built in code are written as null", arguments: [Double.nan, .infinity, -.infinity])
    func nonFinite(value: Double) throws {
        #expect(JSONWriter.write(.number(value)) == "null")
        #expect(JSONNumber(value).description == "null")
        let text = JSONWriter.write(.object(["v": .array([.number(value), .number(1)])]))
        #expect(text == #"{"v":[null,1]}"#)
        #expect(try parsed(text)["v"]?.arrayValue?.first == .null)
    }

    @Test("write(_:into:) appends to what is already there")
    func appends() {
        var out = "prefix:"
        JSONWriter.write(.array([.number(1), "x"]), into: &out)
        JSONWriter.write(.null, into: &out)
        #expect(out == #"prefix:[1,"x"]null"#)
    }

    @Test("the output is always valid JSON that the strict parser accepts")
    func outputIsValid() throws {
        let awkward = JSONValue.array([
            .string(String((0..<0x80).map { Character(Unicode.Scalar(UInt8($0))) })),
            .object(["": .null, "\u{0}": .number(-0.0), "😀": .number(1e-300)]),
            .number(.nan), .number(.leastNonzeroMagnitude), .number(-.greatestFiniteMagnitude),
        ])
        let text = JSONWriter.write(awkward)
        let value = try parsed(text)
        #expect(value.arrayValue?.count == 5)
        #expect(value.arrayValue?[0] == awkward.arrayValue?[0])
    }
}
