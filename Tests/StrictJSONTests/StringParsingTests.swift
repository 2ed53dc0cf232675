import StrictJSON
import Testing

@Suite("JSONParser: strings")
struct StringParsingTests {
    func string(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let value = try parsed(text, sourceLocation: sourceLocation)
        return try #require(value.stringValue, "\(text) parsed as \(value.typeName)", sourceLocation: sourceLocation)
    }

    @Test(
        "every short escape",
        arguments: [
            (#""\"""#, "\""), (#""\\""#, "\\"), (#""\/""#, "/"), (#""\b""#, "\u{8}"), (#""\f""#, "\u{C}"),
            (#""\n""#, "\n"), (#""\r""#, "\r"), (#""\t""#, "\t"),
        ]
    )
    func shortEscapes(text: String, expected: String) throws {
        let s = try string(text)
        #expect(Array(s.unicodeScalars) == Array(expected.unicodeScalars))
    }

    @Test("escapes mixed with plain text, in keys too")
    func mixedEscapes() throws {
        #expect(try string(#""a\"b\\c\/d\be\ff\ng\rh\ti""#) == "a\"b\\c/d\u{8}e\u{C}f\ng\rh\ti")
        let object = try #require(try parsed(#"{"k\ney":"v\u0041l"}"#).objectValue)
        #expect(object.keys == ["k\ney"])
        #expect(object["k\ney"] == "vAl")
    }

    @Test(
        "\\u escapes, in either case, across the BMP",
        arguments: [
            (#""\u0041""#, "A"), (#""\u00e9""#, "\u{E9}"), (#""\u00E9""#, "\u{E9}"), (#""\u0000""#, "\u{0}"),
            (#""\u001F""#, "\u{1F}"), (#""\u20ac""#, "€"), (#""\uFFFF""#, "\u{FFFF}"), (#""\uFEFF""#, "\u{FEFF}"),
            (#""\u00410""#, "A0"), (#""x\u0022y""#, "x\"y"), (#""\u005C""#, "\\"), (#""\uE000""#, "\u{E000}"),
        ]
    )
    func unicodeEscapes(text: String, expected: String) throws {
        #expect(Array(try string(text).unicodeScalars) == Array(expected.unicodeScalars))
    }

    @Test(
        "surrogate pairs become one scalar",
        arguments: [
            (#""\ud83d\ude00""#, "😀"), (#""\uD83D\uDE00""#, "😀"), (#""\uD800\uDC00""#, "\u{10000}"),
            (#""\uDBFF\uDFFF""#, "\u{10FFFF}"), (#""a\ud834\udd1eb""#, "a𝄞b"),
        ]
    )
    func surrogatePairs(text: String, expected: String) throws {
        let s = try string(text)
        #expect(Array(s.unicodeScalars) == Array(expected.unicodeScalars))
        #expect(s.unicodeScalars.count == expected.unicodeScalars.count)
    }

    @Test(
        "lone or misordered surrogates are refused",
        arguments: [
            (#""\ud83d""#, "lone high surrogate"), (#""\ud83dx""#, "lone high surrogate"),
            (#""\ud83d\n""#, "lone high surrogate"), (#""\ud83d\u0041""#, "invalid low surrogate"),
            (#""\ud83d\ud83d""#, "invalid low surrogate"), (#""\ude00""#, "lone low surrogate"),
            (#""\ude00\ud83d""#, "lone low surrogate"), (#""\uDFFF""#, "lone low surrogate"),
            (#""\uD800\u""#, "four hex digits"),
        ]
    )
    func loneSurrogates(text: String, problem: String) throws {
        let error = try #require(refusal(text))
        #expect(error.problem.contains(problem))
    }

    @Test(
        "malformed escapes are refused",
        arguments: [
            #""\x41""#, #""\a""#, #""\'""#, #""\U0041""#, #""\u41""#, #""\u004""#, #""\u00G1""#, #""\u 041""#,
            #""\0""#, #""\"#, #""\u"#, #""\u12"#, "\"\\\u{E9}\"", #""\v""#, #""\e""#, #""\u+041""#, #""\u-041""#,
        ]
    )
    func malformedEscapes(text: String) {
        #expect(refusal(text) != nil)
    }

    @Test("an invalid escape names the character")
    func invalidEscapeMessage() throws {
        let error = try #require(refusal(#""ab\qc""#))
        #expect(error.problem == "invalid escape '\\q'")
    }

    /// The error should point into the bad escape (from its backslash to its last character), not past it.
    @Test(
        "a bad escape is reported at the escape",
        arguments: [
            (#""ab\qc""#, 3...4), (#""\x41""#, 1...2), (#""x\ude00y""#, 2...7), (#""\ud83d\u0041z""#, 1...12),
        ]
    )
    func badEscapePosition(text: String, escape: ClosedRange<Int>) throws {
        let error = try #require(refusal(text))
        #expect(escape.contains(error.offset), "\(error)")
    }

    @Test("every raw control character U+0000…U+001F is refused inside a string", arguments: 0..<0x20)
    func rawControlCharacters(code: Int) throws {
        let bytes: [UInt8] = [0x22, 0x61, UInt8(code), 0x62, 0x22]
        let error = try #require(refusal(bytes))
        #expect(error.problem == "control character in a string; escape it")
        #expect(error.offset == 2)
        // Escaped, the same character is fine.
        let hex = String(code, radix: 16)
        let escaped = "\"\\u" + String(repeating: "0", count: 4 - hex.count) + hex + "\""
        #expect(try string(escaped).unicodeScalars.first?.value == UInt32(code))
    }

    @Test("DEL (U+007F) and other non-ASCII controls may appear raw")
    func delAndC1() throws {
        #expect(try string("\"a\u{7F}\u{85}\u{9F}\"") == "a\u{7F}\u{85}\u{9F}")
    }

    @Test("a raw line break inside a string is refused where it is")
    func rawNewline() throws {
        let error = try #require(refusal("{\"a\": \"one\ntwo\"}"))
        #expect(error.offset == 10)
        #expect(error.line == 1 && error.column == 11)
    }

    @Test("multi-byte UTF-8 is kept as written, including combining marks and astral scalars")
    func multiByte() throws {
        let samples = ["é", "e\u{301}", "日本語", "Ελλάδα", "😀👍🏽", "👨‍👩‍👧", "\u{10FFFF}", "a\u{2028}b", "\u{FEFF}"]
        for sample in samples {
            let s = try string("\"" + sample + "\"")
            #expect(Array(s.utf8) == Array(sample.utf8), "\(sample)")
        }
    }

    @Test(
        "invalid UTF-8 in a string is refused, at the string",
        arguments: [
            [0xFF], [0xFE], [0x80], [0xBF], [0xC3], [0xC3, 0x28], [0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x80, 0xAF],
            [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xF0, 0x9F, 0x98], [0xF4, 0x90, 0x80, 0x80],
            [0xF5, 0x80, 0x80, 0x80],
            [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82], [0x61, 0xC3],
        ] as [[UInt8]]
    )
    func invalidUTF8(bad: [UInt8]) throws {
        let bytes: [UInt8] = Array("[1, \"ok".utf8) + bad + Array("\"]".utf8)
        let error = try #require(refusal(bytes))
        #expect(error.problem == "string is not valid UTF-8")
        #expect(error.offset == 4)
    }

    @Test("invalid UTF-8 in a key is refused")
    func invalidUTF8Key() throws {
        let bytes: [UInt8] = [0x7B, 0x22, 0xC3, 0x22, 0x3A, 0x31, 0x7D]
        #expect(refusal(bytes)?.problem == "string is not valid UTF-8")
    }

    @Test("an escape cannot complete a broken UTF-8 sequence")
    func escapeSplitsSequence() {
        // 0xC3 then an escaped newline then 0xA9: the bytes of "é" are split by the escape.
        let bytes: [UInt8] = [0x22, 0xC3, 0x5C, 0x6E, 0xA9, 0x22]
        #expect(refusal(bytes)?.problem == "string is not valid UTF-8")
    }

    @Test("invalid UTF-8 outside a string is refused")
    func invalidUTF8OutsideStrings() {
        #expect(refusal([0xFF] as [UInt8]) != nil)
        #expect(refusal([0x5B, 0xC3, 0xA9, 0x5D] as [UInt8]) != nil)
        #expect(refusal([0x31, 0x20, 0xFF] as [UInt8])?.problem == "unexpected text after the JSON value")
    }

    @Test("an unterminated string is reported at its opening quote", arguments: ["\"abc", "[\"abc", "{\"a\":\"b"])
    func unterminated(text: String) throws {
        let error = try #require(refusal(text))
        #expect(error.problem == "unterminated string")
        #expect(Array(text.utf8)[error.offset] == UInt8(ascii: "\""))
    }

    @Test("single quotes do not make a string")
    func singleQuotes() {
        #expect(refusal("'abc'") != nil)
    }

    @Test("a long string with many escapes")
    func longString() throws {
        let piece = #"abc\n\u00e9\"\\😀"#
        let text = "\"" + String(repeating: piece, count: 2_000) + "\""
        let s = try string(text)
        #expect(s == String(repeating: "abc\n\u{E9}\"\\😀", count: 2_000))
    }
}
