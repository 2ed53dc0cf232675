import StrictJSON
import Testing

@Suite("JSONValue accessors and type names")
struct JSONValueTests {
    static let samples: [JSONValue] = [
        .null, .bool(true), .number(1), .string("s"), .array([.null]), .object(["k": .null]),
    ]

    @Test("typeName names each JSON type")
    func typeNames() {
        #expect(Self.samples.map(\.typeName) == ["null", "boolean", "number", "string", "array", "object"])
    }

    @Test("each accessor returns its own case's payload and nil for every other case")
    func accessors() {
        for value in Self.samples {
            let name = value.typeName
            #expect((value.stringValue != nil) == (name == "string"), "\(name)")
            #expect((value.doubleValue != nil) == (name == "number"), "\(name)")
            #expect((value.boolValue != nil) == (name == "boolean"), "\(name)")
            #expect((value.arrayValue != nil) == (name == "array"), "\(name)")
            #expect((value.objectValue != nil) == (name == "object"), "\(name)")
        }
        #expect(JSONValue.string("s").stringValue == "s")
        #expect(JSONValue.number(2.5).doubleValue == 2.5)
        #expect(JSONValue.number(3).doubleValue == 3)
        #expect(JSONValue.bool(false).boolValue == false)
        #expect(JSONValue.array([.null, "x"]).arrayValue == [.null, "x"])
        #expect(JSONValue.object(["k": "v"]).objectValue == ["k": "v"])
    }

    @Test("the value subscript looks up object members and is nil for anything else")
    func valueSubscript() {
        let value = JSONValue.object(["a": .object(["b": .number(1)]), "n": .null])
        #expect(value["a"]?["b"] == .number(1))
        #expect(value["n"] == .null)
        #expect(value["missing"] == nil)
        #expect(value["a"]?["missing"] == nil)
        for other in Self.samples where other.objectValue == nil {
            #expect(other["k"] == nil)
        }
    }

    @Test("a string literal is a string value")
    func stringLiteral() {
        let value: JSONValue = "hello"
        #expect(value == .string("hello"))
    }

    @Test("the number factories: Int makes an integer, Double does not")
    func numberFactories() {
        #expect(JSONValue.number(2) == .number(JSONNumber(2)))
        #expect(JSONValue.number(2.5) == .number(JSONNumber(2.5)))
        guard case .number(let i) = JSONValue.number(2), case .number(let d) = JSONValue.number(2.0) else {
            Issue.record("not numbers")
            return
        }
        #expect(i.isInteger && !d.isInteger)
        #expect(i.double == d.double)
    }

    @Test("equality: cases differ from each other, and arrays compare in order")
    func equality() {
        for (i, a) in Self.samples.enumerated() {
            for (j, b) in Self.samples.enumerated() {
                #expect((a == b) == (i == j))
            }
        }
        #expect(JSONValue.array([.number(1), .number(2)]) != .array([.number(2), .number(1)]))
        #expect(JSONValue.array([.number(1)]) != .array([.number(1), .number(1)]))
        #expect(JSONValue.string("a") != .string("b"))
    }
}

@Suite("JSONNumber")
struct JSONNumberTests {
    @Test("init from Int is an integer, from Double is not")
    func initialisers() {
        #expect(JSONNumber(5).isInteger)
        #expect(JSONNumber(5).double == 5)
        #expect(!JSONNumber(5.0).isInteger)
        #expect(JSONNumber(5.0).double == 5)
        // The integer flag takes part in equality.
        #expect(JSONNumber(5) != JSONNumber(5.0))
    }

    @Test(
        "intValue is the whole value when it fits exactly",
        arguments: [
            (0.0, 0), (-0.0, 0), (1.0, 1), (-1.0, -1), (1e15, 1_000_000_000_000_000),
            (9_007_199_254_740_992.0, 9_007_199_254_740_992), (-9_007_199_254_740_992.0, -9_007_199_254_740_992),
        ] as [(Double, Int)]
    )
    func intValueWhole(value: Double, expected: Int) {
        #expect(JSONNumber(value).intValue == expected)
    }

    @Test(
        "intValue is nil for fractions, values beyond 2^53 and non-finite values",
        arguments: [
            0.5, -0.5, 1e-300, 2.000_000_1, 9_007_199_254_740_994.0, -9_007_199_254_740_994.0, 1e300, .nan, .infinity,
            -.infinity,
        ]
    )
    func intValueNil(value: Double) {
        #expect(JSONNumber(value).intValue == nil)
    }

    @Test("intValue of parsed numbers: fraction and exponent spellings of whole numbers count")
    func parsedIntValue() throws {
        #expect(try parsed("1e2").numberValue?.intValue == 100)
        #expect(try parsed("2.0").numberValue?.intValue == 2)
        #expect(try parsed("2.5").numberValue?.intValue == nil)
        #expect(try parsed("-40").numberValue?.intValue == -40)
        #expect(try parsed("9007199254740993").numberValue?.intValue == 9_007_199_254_740_992)
        #expect(try parsed("1e16").numberValue?.intValue == nil)
    }

    @Test("isInteger follows the spelling, not the value")
    func isIntegerFollowsSpelling() throws {
        for (text, integer) in [("1", true), ("1.0", false), ("1e0", false), ("10E1", false), ("-3", true)] {
            #expect(try parsed(text).numberValue?.isInteger == integer, "\(text)")
        }
    }
}

@Suite("JSONObject")
struct JSONObjectTests {
    @Test("a dictionary literal keeps its order")
    func literalOrder() {
        let object: JSONObject = ["b": .number(1), "a": .number(2), "c": .null]
        #expect(object.keys == ["b", "a", "c"])
        #expect(object.count == 3)
        #expect(object.members.map(\.value) == [.number(1), .number(2), .null])
    }

    @Test("get returns the member's value, nil for a missing key")
    func get() {
        let object: JSONObject = ["a": "x", "b": .null]
        #expect(object["a"] == "x")
        #expect(object["b"] == .some(.null))
        #expect(object["c"] == nil)
        #expect(JSONObject()["a"] == nil)
        #expect(JSONObject().count == 0 && JSONObject().keys.isEmpty)
    }

    @Test("setting an existing key replaces its value in place")
    func replace() {
        var object: JSONObject = ["a": .number(1), "b": .number(2), "c": .number(3)]
        object["b"] = "two"
        #expect(object.keys == ["a", "b", "c"])
        #expect(object["b"] == "two")
        #expect(object.count == 3)
    }

    @Test("setting a new key appends it")
    func append() {
        var object: JSONObject = ["a": .number(1)]
        object["z"] = .bool(true)
        object["m"] = .null
        #expect(object.keys == ["a", "z", "m"])
        #expect(object["m"] == .some(.null))
    }

    @Test("setting nil removes the key and keeps the others in order")
    func remove() {
        var object: JSONObject = ["a": .number(1), "b": .number(2), "c": .number(3)]
        object["b"] = nil
        #expect(object.keys == ["a", "c"])
        #expect(object["b"] == nil)
        object["missing"] = nil
        #expect(object.keys == ["a", "c"])
        object["a"] = nil
        object["c"] = nil
        #expect(object.count == 0)
        #expect(object == JSONObject())
    }

    @Test("a removed key set again goes to the end")
    func removeThenSet() {
        var object: JSONObject = ["a": .number(1), "b": .number(2)]
        object["a"] = nil
        object["a"] = .number(3)
        #expect(object.keys == ["b", "a"])
    }

    @Test("init from members keeps them as given")
    func initMembers() {
        let object = JSONObject([(key: "x", value: .number(1)), (key: "y", value: "s")])
        #expect(object.keys == ["x", "y"])
        #expect(object == ["x": .number(1), "y": "s"])
    }

    @Test("equality compares keys, values and order")
    func equality() {
        let object: JSONObject = ["a": .number(1), "b": .number(2)]
        #expect(object == ["a": .number(1), "b": .number(2)])
        #expect(object != ["b": .number(2), "a": .number(1)])
        #expect(object != ["a": .number(1), "b": .number(3)])
        #expect(object != ["a": .number(1), "c": .number(2)])
        #expect(object != ["a": .number(1)])
        #expect(object != ["a": .number(1), "b": .number(2), "c": .null])
    }

    @Test("written and parsed back, an edited object keeps its edits and order")
    func editedRoundTrip() throws {
        var object = try #require(try parsed(#"{"a":1,"b":2,"c":3}"#).objectValue)
        object["b"] = nil
        object["d"] = .array([.bool(true)])
        object["a"] = "one"
        let text = JSONWriter.write(.object(object))
        #expect(text == #"{"a":"one","c":3,"d":[true]}"#)
        #expect(try parsed(text) == .object(object))
    }
}
