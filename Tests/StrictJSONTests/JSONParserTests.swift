import StrictJSON
import Testing

@Suite("JSONParser: values, literals, whitespace and the end of the text")
struct JSONParserTests {
    @Test("every JSON type parses to its case")
    func everyType() throws {
        #expect(try parsed("null") == .null)
        #expect(try parsed("true") == .bool(true))
        #expect(try parsed("false") == .bool(false))
        #expect(try parsed("42") == .number(42))
        #expect(try parsed("-2.5") == .number(-2.5))
        #expect(try parsed("\"hi\"") == .string("hi"))
        #expect(try parsed("[]") == .array([]))
        #expect(try parsed("{}") == .object(JSONObject()))
        #expect(
            try parsed("[1,\"a\",null,true,{\"b\":[]}]")
                == .array([.number(1), "a", .null, .bool(true), .object(["b": .array([])])]))
    }

    @Test("a nested document keeps its structure")
    func nestedDocument() throws {
        let value = try parsed(#"{"zone":{"id":"EDR-1","floor":[0,"m"],"active":false},"tags":["a","b"],"n":null}"#)
        let zone = try #require(value["zone"]?.objectValue)
        #expect(zone.keys == ["id", "floor", "active"])
        #expect(zone["id"] == "EDR-1")
        #expect(zone["floor"] == .array([.number(0), "m"]))
        #expect(zone["active"] == .bool(false))
        #expect(value["tags"] == .array(["a", "b"]))
        #expect(value["n"] == .null)
        #expect(value["missing"] == nil)
    }

    @Test("object members keep the order they were written in")
    func memberOrder() throws {
        let object = try #require(try parsed(#"{"z":1,"a":2,"m":3,"b":4,"y":5}"#).objectValue)
        #expect(object.keys == ["z", "a", "m", "b", "y"])
        #expect(object.members.map(\.value) == [1, 2, 3, 4, 5].map { JSONValue.number($0) })
        // Order is part of equality: the same members in another order are a different object.
        #expect(try parsed(#"{"a":1,"b":2}"#) != parsed(#"{"b":2,"a":1}"#))
    }

    @Test("the same key in different objects is not a duplicate")
    func sameKeyInSiblingAndNestedObjects() throws {
        let value = try parsed(#"{"a":{"a":1},"b":[{"a":2},{"a":3}]}"#)
        #expect(value["a"]?["a"] == .number(1))
        #expect(value["b"]?.arrayValue?.compactMap { $0["a"] } == [.number(2), .number(3)])
    }

    @Test(
        "the literals true, false and null",
        arguments: [("true", JSONValue.bool(true)), ("false", .bool(false)), ("null", .null)])
    func literals(text: String, expected: JSONValue) throws {
        #expect(try parsed(text) == expected)
        #expect(try parsed("[\(text)]") == .array([expected]))
    }

    @Test(
        "misspelt, truncated or capitalised literals are refused",
        arguments: [
            "tru", "t", "truE", "True", "TRUE", "fals", "falsy", "nul", "nil", "NULL", "None", "undefined", "[nul]",
        ]
    )
    func misspeltLiterals(text: String) throws {
        let error = try #require(refusal(text))
        #expect(error.offset == (text.hasPrefix("[") ? 1 : 0))
    }

    @Test("a literal with extra letters is refused as trailing text", arguments: ["truee", "nulll", "falsetrue"])
    func literalWithTail(text: String) throws {
        let error = try #require(refusal(text))
        #expect(error.problem == "unexpected text after the JSON value")
    }

    @Test("NaN and Infinity are not JSON", arguments: ["NaN", "nan", "Infinity", "-Infinity", "inf", "-inf", "[NaN]"])
    func nonFiniteLiterals(text: String) {
        #expect(refusal(text) != nil)
    }

    @Test("space, tab, line feed and carriage return are allowed around every token")
    func whitespace() throws {
        let text = " \t\r\n{ \"a\" \n: \t[ 1 ,\r\n2 ] , \"b\":\"x\"\t}\n\r "
        #expect(try parsed(text) == .object(["a": .array([.number(1), .number(2)]), "b": "x"]))
        #expect(try parsed("\n\n  7\t") == .number(7))
    }

    @Test(
        "other white space is refused: form feed, vertical tab, NBSP, NEL, U+2028, a byte order mark",
        arguments: ["\u{0C}1", "1\u{0B}", "\u{A0}1", "[1,\u{85}2]", "\u{2028}1", "\u{FEFF}{}"]
    )
    func otherWhitespace(text: String) {
        #expect(refusal(text) != nil)
    }

    @Test("empty and blank input is refused", arguments: ["", " ", "\n\t\r "])
    func emptyInput(text: String) throws {
        let error = try #require(refusal(text))
        #expect(error.offset == text.utf8.count)
        #expect(error.problem.contains("unexpected end of input"))
    }

    @Test(
        "text after the value is refused",
        arguments: ["{} x", "1 2", "[] []", "\"a\"\"b\"", "null,", "{}}", "[1]]", "0x1F"])
    func trailingText(text: String) throws {
        let error = try #require(refusal(text))
        #expect(error.problem == "unexpected text after the JSON value")
    }

    @Test("trailing text is reported where it starts, after the white space")
    func trailingTextPosition() throws {
        let error = try #require(refusal("{}  \n  x"))
        #expect(error.offset == 7)
        #expect(error.line == 2 && error.column == 3)
    }

    @Test(
        "malformed arrays and objects are refused",
        arguments: [
            "[", "[1", "[1,", "[1,]", "[,1]", "[1 2]", "[,]", "]", "{", "{\"a\"", "{\"a\":", "{\"a\":1", "{\"a\":1,}",
            "{,}", "{\"a\" 1}", "{\"a\":1 \"b\":2}", "{a:1}", "{'a':1}", "{1:1}", "{\"a\"=1}", "{\"a\":}", "}",
            "[1;2]", "{\"a\":1;\"b\":2}",
        ]
    )
    func malformedContainers(text: String) {
        #expect(refusal(text) != nil)
    }

    @Test("top-level scalars are accepted (RFC 8259)")
    func topLevelScalars() throws {
        #expect(try parsed("\"x\"") == "x")
        #expect(try parsed("0") == .number(0))
        #expect(try parsed(" null ") == .null)
    }

    @Test("any collection of bytes can be parsed: arrays, slices, UTF-8 views")
    func byteCollections() throws {
        let bytes = Array("xx[1,{\"a\":true}]yy".utf8)
        let expected = JSONValue.array([.number(1), .object(["a": .bool(true)])])
        #expect(try JSONParser.parse(bytes[2..<(bytes.count - 2)]) == expected)
        #expect(try JSONParser.parse("[1,{\"a\":true}]".utf8) == expected)
        #expect(try JSONParser.parse(Array("[1,{\"a\":true}]".utf8)) == expected)
    }

    @Test("an error inside a slice is reported relative to the slice")
    func errorOffsetInSlice() throws {
        let bytes = Array("xx[1,?]".utf8)
        let error = try #require(refusal(bytes[2...]))
        #expect(error.offset == 3)
        #expect(error.column == 4)
    }
}
