import StrictJSON
import Testing

/// Parses `text`, recording an issue (with the error's position) when it is refused.
func parsed(_ text: String, limits: JSONParser.Limits = .init(), sourceLocation: SourceLocation = #_sourceLocation)
    throws -> JSONValue
{
    do {
        return try JSONParser.parse(text, limits: limits)
    } catch {
        Issue.record("refused \(text.debugDescription): \(error)", sourceLocation: sourceLocation)
        throw error
    }
}

/// The error for a text that must be refused; records an issue naming the value when it is accepted.
func refusal(
    _ bytes: some Collection<UInt8>, limits: JSONParser.Limits = .init(),
    sourceLocation: SourceLocation = #_sourceLocation
) -> JSONParseError? {
    do throws(JSONParseError) {
        let value = try JSONParser.parse(bytes, limits: limits)
        Issue.record("accepted \(Array(bytes)) as \(value)", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

func refusal(_ text: String, limits: JSONParser.Limits = .init(), sourceLocation: SourceLocation = #_sourceLocation)
    -> JSONParseError?
{
    do throws(JSONParseError) {
        let value = try JSONParser.parse(text, limits: limits)
        Issue.record("accepted \(text.debugDescription) as \(value)", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

/// The 1-based line and column (counted in Unicode scalars) of byte `offset`, worked out independently of the
/// parser so that error positions can be checked on any input.
func expectedPosition(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
    let before = bytes[..<offset]
    let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
    let line = before.count { $0 == 0x0A } + 1
    let column = bytes[lineStart..<offset].count { $0 & 0b1100_0000 != 0b1000_0000 } + 1
    return (line, column)
}

/// The number of the value's nested arrays and objects, counting itself.
func depth(of value: JSONValue) -> Int {
    switch value {
    case .null, .bool, .number, .string: 0
    case .array(let items): 1 + (items.map(depth(of:)).max() ?? 0)
    case .object(let object): 1 + (object.members.map { depth(of: $0.value) }.max() ?? 0)
    }
}

/// `count` arrays inside each other around `inner`: `[[[inner]]]`.
func nestedArrays(_ count: Int, around inner: String = "") -> String {
    String(repeating: "[", count: count) + inner + String(repeating: "]", count: count)
}

/// `count` objects inside each other, each the value of key "k": `{"k":{"k":{}}}`.
func nestedObjects(_ count: Int) -> String {
    String(repeating: "{\"k\":", count: count - 1) + "{}" + String(repeating: "}", count: count - 1)
}

extension JSONValue {
    /// The number with its integer flag, which `doubleValue` leaves out.
    var numberValue: JSONNumber? {
        if case .number(let n) = self { return n }
        return nil
    }
}
