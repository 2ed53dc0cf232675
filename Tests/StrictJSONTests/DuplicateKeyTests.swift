import StrictJSON
import Testing

@Suite("JSONParser: duplicate object keys")
struct DuplicateKeyTests {
    @Test("a repeated key is refused, naming the key, at the second occurrence")
    func secondOccurrence() throws {
        let text = #"{"id":1,"name":"x","id":2}"#
        let error = try #require(refusal(text))
        #expect(error.problem == "duplicate key 'id'")
        #expect(error.offset == 19)
        #expect(error.line == 1 && error.column == 20)
        #expect(Array(text.utf8)[error.offset] == UInt8(ascii: "\""))
    }

    @Test("the position of a duplicate on a later line")
    func multiLinePosition() throws {
        let text = "{\n  \"a\": 1,\n  \"b\": {\n    \"c\": true,\n    \"c\": false\n  }\n}"
        let error = try #require(refusal(text))
        #expect(error.problem == "duplicate key 'c'")
        #expect(error.line == 5)
        #expect(error.column == 5)
        #expect(error.offset == 40)
        #expect(error.description == "line 5, column 5: duplicate key 'c'")
    }

    @Test(
        "a duplicate with a different value type is still refused",
        arguments: [
            #"{"a":1,"a":1}"#, #"{"a":null,"a":[]}"#, #"{"a":{},"b":2,"a":"x"}"#, #"[{"ok":1},{"a":1,"a":2}]"#,
        ])
    func anyValue(text: String) throws {
        let error = try #require(refusal(text))
        #expect(error.problem == "duplicate key 'a'")
    }

    @Test("keys are compared after unescaping: \\u0061 and a are the same key")
    func escapedDuplicate() throws {
        let text = #"{"a":1,"\u0061":2}"#
        let error = try #require(refusal(text))
        #expect(error.problem == "duplicate key 'a'")
        #expect(error.offset == 7)
    }

    @Test("an escaped slash and a plain slash make the same key")
    func escapedSlash() throws {
        let error = try #require(refusal(#"{"a/b":1,"a\/b":2}"#))
        #expect(error.problem == "duplicate key 'a/b'")
    }

    @Test("the empty key can be used once, not twice")
    func emptyKey() throws {
        #expect(try parsed(#"{"":1}"#)[""] == .number(1))
        let error = try #require(refusal(#"{"":1,"":2}"#))
        #expect(error.problem == "duplicate key ''")
    }

    @Test("keys that differ only in case are different keys")
    func caseSensitive() throws {
        let object = try #require(try parsed(#"{"a":1,"A":2}"#).objectValue)
        #expect(object.keys == ["a", "A"])
    }

    /// Small objects compare each key with the ones before it, large ones keep a set: both must find a duplicate,
    /// wherever it falls around the switch from one to the other.
    @Test("a duplicate in a large object is refused wherever it falls", arguments: [1, 14, 15, 16, 17, 40])
    func largeObject(members: Int) throws {
        let keys = (0..<members).map { "k\($0)" }
        let unique = "{" + keys.map { #""\#($0)":1"# }.joined(separator: ",") + "}"
        #expect(try parsed(unique).objectValue?.keys == keys)
        for repeated in [keys[0], keys[members / 2], keys[members - 1]] {
            let text = String(unique.dropLast()) + #","\#(repeated)":2}"#
            let error = try #require(refusal(text))
            #expect(error.problem == "duplicate key '\(repeated)'")
            #expect(error.offset == unique.utf8.count)
        }
    }

    /// Swift compares strings by canonical equivalence, so "é" written precomposed and decomposed count as one key.
    /// Refusing them is the safe reading: a lookup by either spelling would otherwise see only one of the values.
    @Test("canonically equivalent keys (precomposed and decomposed é) are refused as duplicates")
    func canonicallyEquivalentKeys() throws {
        let error = try #require(refusal("{\"\u{E9}\":1,\"e\u{301}\":2}"))
        #expect(error.problem.hasPrefix("duplicate key"))
        #expect(error.offset == 8)
    }
}

@Suite("JSONParser: nesting limit")
struct NestingLimitTests {
    @Test("64 nested arrays are accepted by default")
    func sixtyFourArrays() throws {
        let value = try parsed(nestedArrays(64))
        #expect(depth(of: value) == 64)
    }

    @Test("65 nested arrays are refused, at the 65th bracket")
    func sixtyFiveArrays() throws {
        let error = try #require(refusal(nestedArrays(65)))
        #expect(error.problem == "nesting deeper than 64 levels")
        #expect(error.offset == 64)
        #expect(error.column == 65)
    }

    @Test("64 nested objects are accepted, 65 refused")
    func objects() throws {
        #expect(depth(of: try parsed(nestedObjects(64))) == 64)
        let error = try #require(refusal(nestedObjects(65)))
        #expect(error.problem == "nesting deeper than 64 levels")
        #expect(Array(nestedObjects(65).utf8)[error.offset] == UInt8(ascii: "{"))
    }

    @Test("arrays and objects count together towards the depth")
    func mixed() throws {
        let deep64 = String(repeating: "[{\"k\":", count: 32) + "1" + String(repeating: "}]", count: 32)
        #expect(depth(of: try parsed(deep64)) == 64)
        let deep65 = "[" + deep64 + "]"
        #expect(refusal(deep65)?.problem == "nesting deeper than 64 levels")
    }

    @Test("scalars inside the deepest allowed container do not add a level")
    func scalarsAtTheLimit() throws {
        #expect(try parsed(nestedArrays(64, around: "1,\"s\",null")) != .null)
        #expect(refusal(nestedArrays(64, around: "[]")) != nil)
        #expect(refusal(nestedArrays(64, around: "{}")) != nil)
    }

    @Test("wide documents are not deep: many siblings at depth 1")
    func wide() throws {
        let text = "[" + Array(repeating: "[]", count: 1_000).joined(separator: ",") + "]"
        #expect(try parsed(text).arrayValue?.count == 1_000)
    }

    @Test("a custom limit is honoured exactly", arguments: [0, 1, 2, 5, 100])
    func customLimit(limit: Int) throws {
        let limits = JSONParser.Limits(maximumDepth: limit)
        #expect(try parsed("7", limits: limits) == .number(7))
        if limit > 0 {
            #expect(try depth(of: parsed(nestedArrays(limit), limits: limits)) == limit)
            #expect(try depth(of: parsed(nestedObjects(limit), limits: limits)) == limit)
        }
        let error = try #require(refusal(nestedArrays(limit + 1), limits: limits))
        #expect(error.problem == "nesting deeper than \(limit) levels")
        #expect(error.offset == limit)
        #expect(refusal(nestedObjects(limit + 1), limits: limits) != nil)
    }

    @Test("the limit's default is 64")
    func defaultLimit() {
        #expect(JSONParser.Limits().maximumDepth == 64)
    }

    @Test("very deep input is refused without exhausting the stack")
    func veryDeep() throws {
        let error = try #require(refusal(nestedArrays(100_000)))
        #expect(error.offset == 64)
    }
}
