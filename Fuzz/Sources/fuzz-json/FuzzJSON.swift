import FuzzSupport
import StrictJSON

/// The strict JSON parser every decoder starts from, and the writer: what parses must write back to text that
/// parses to the same value (numbers compared by value, since the writer may spell them differently).
///
/// Input: one JSON text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = FuzzInput.bytes(start, count)
    guard let value = try? JSONParser.parse(bytes) else { return 0 }
    let written = JSONWriter.bytes(value)
    guard let again = try? JSONParser.parse(written) else {
        fatalError("the writer's output does not parse: \(String(decoding: written, as: UTF8.self))")
    }
    guard sameValue(value, again) else {
        fatalError("parsing the writer's output gives another value: \(String(decoding: written, as: UTF8.self))")
    }
    return 0
}

/// Equal JSON values, numbers by their `Double` value and objects member by member in order.
func sameValue(_ a: JSONValue, _ b: JSONValue) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.number(let x), .number(let y)): return x.double == y.double
    case (.string(let x), .string(let y)): return x == y
    case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy(sameValue)
    case (.object(let x), .object(let y)):
        return x.count == y.count
            && zip(x.members, y.members).allSatisfy { $0.key == $1.key && sameValue($0.value, $1.value) }
    default: return false
    }
}
