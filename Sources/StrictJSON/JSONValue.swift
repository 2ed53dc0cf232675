/// A parsed JSON document, kept as it was written: object members in their order, numbers with their
/// integer-ness.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The JSON type name, for messages such as "expected a number, found string".
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var doubleValue: Double? {
        if case .number(let n) = self { return n.double }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// A member of an object; `nil` for a missing key or when this is not an object.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    public static func number(_ value: Double) -> JSONValue { .number(JSONNumber(value)) }
    public static func number(_ value: Int) -> JSONValue { .number(JSONNumber(value)) }
}

/// A JSON number: its value as a `Double`, and whether it was written as an integer (no fraction, no exponent).
public struct JSONNumber: Sendable, Equatable, CustomStringConvertible {
    public let double: Double
    public let isInteger: Bool

    public init(_ value: Double) {
        double = value
        isInteger = false
    }

    public init(_ value: Int) {
        double = Double(value)
        isInteger = true
    }

    init(double: Double, isInteger: Bool) {
        self.double = double
        self.isInteger = isInteger
    }

    /// The value as an `Int` when it is a whole number that fits exactly.
    public var intValue: Int? {
        guard double.rounded() == double, abs(double) <= 9_007_199_254_740_992 else { return nil }
        return Int(double)
    }

    public var description: String { JSONWriter.format(self) }
}

/// A JSON object's members in document order. Duplicate keys never get this far: the parser refuses them.
public struct JSONObject: Sendable, Equatable {
    public private(set) var members: [(key: String, value: JSONValue)]

    public init(_ members: [(key: String, value: JSONValue)] = []) {
        self.members = members
    }

    public var keys: [String] { members.map(\.key) }
    public var count: Int { members.count }

    public subscript(key: String) -> JSONValue? {
        get { members.first { $0.key == key }?.value }
        set {
            if let index = members.firstIndex(where: { $0.key == key }) {
                if let newValue { members[index].value = newValue } else { members.remove(at: index) }
            } else if let newValue {
                members.append((key, newValue))
            }
        }
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count
            && zip(lhs.members, rhs.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements.map { (key: $0.0, value: $0.1) })
    }
}

extension JSONValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}
