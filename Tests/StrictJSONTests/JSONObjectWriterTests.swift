import PropertyBased
import StrictJSON
import Testing

@Suite("JSONObjectWriter")
struct JSONObjectWriterTests {
    @Test("members of every kind are written as JSONWriter writes the same object")
    func kinds() {
        var writer = JSONObjectWriter(capacity: 4)
        writer.member("v", integer: 1)
        writer.member("name", string: "a \"quoted\"\nline")
        writer.member("lat", number: 52.5152)
        writer.member("alt", number: 75)
        writer.member("empty") { _ in }
        writer.member("nested") { nested in
            nested.member("list", .array([.null, .bool(true), .number(2)]))
            nested.member("deeper") { $0.member("x", number: -0.5) }
        }
        let expected: JSONObject = [
            "v": .number(1), "name": "a \"quoted\"\nline", "lat": .number(52.5152), "alt": .number(75.0),
            "empty": .object([:]),
            "nested": .object([
                "list": .array([.null, .bool(true), .number(2)]), "deeper": .object(["x": .number(-0.5)]),
            ]),
        ]
        #expect(writer.finish() == JSONWriter.bytes(.object(expected)))
    }

    @Test("arrays and nullable integers are written as JSONWriter writes the same object")
    func arrays() {
        var writer = JSONObjectWriter(capacity: 4)
        writer.memberArray("counts") { array in
            array.integer(0)
            array.null()
            array.integer(-31)
            array.number(2.5)
        }
        writer.memberArray("none") { _ in }
        writer.memberArray("cells") { array in
            array.object { $0.member("row", integer: 1) }
            array.object { _ in }
            array.value(.array([.bool(false)]))
        }
        writer.member("count", integerOrNull: nil)
        writer.member("total", integerOrNull: 7)
        let expected: JSONObject = [
            "counts": .array([.number(0), .null, .number(-31), .number(2.5)]), "none": .array([]),
            "cells": .array([.object(["row": .number(1)]), .object([:]), .array([.bool(false)])]),
            "count": .null, "total": .number(7),
        ]
        #expect(writer.finish() == JSONWriter.bytes(.object(expected)))
    }

    @Test("an object without members is {}")
    func empty() {
        #expect(JSONObjectWriter().finish() == Array("{}".utf8))
    }

    @Test("random objects, nested objects written through the writer, give JSONWriter's bytes")
    func randomObjects() async {
        await propertyCheck(count: 200, input: seeds) { seed in
            var random = RandomJSON(seed: seed)
            let object = JSONObject((0..<6).map { (key: random.string() + "\($0)", value: random.value(depth: 1)) })
            var writer = JSONObjectWriter()
            Self.write(object, into: &writer)
            #expect(writer.finish() == JSONWriter.bytes(.object(object)))
        }
    }

    /// Every member through the writer's typed calls where there is one, nested objects through `object`.
    static func write(_ object: JSONObject, into writer: inout JSONObjectWriter) {
        for (key, value) in object.members {
            switch value {
            case .object(let nested): writer.member(key) { write(nested, into: &$0) }
            case .array(let items): writer.memberArray(key) { write(items, into: &$0) }
            case .string(let text): writer.member(key, string: text)
            case .number(let number) where number.isInteger && number.intValue != nil:
                writer.member(key, integer: number.intValue!)
            case .number(let number) where !number.isInteger: writer.member(key, number: number.double)
            default: writer.member(key, value)
            }
        }
    }

    /// Every element through the array writer's typed calls where there is one.
    static func write(_ items: [JSONValue], into array: inout JSONArrayWriter) {
        for item in items {
            switch item {
            case .object(let nested): array.object { write(nested, into: &$0) }
            case .null: array.null()
            case .number(let number) where number.isInteger && number.intValue != nil: array.integer(number.intValue!)
            case .number(let number) where !number.isInteger: array.number(number.double)
            default: array.value(item)
            }
        }
    }
}
