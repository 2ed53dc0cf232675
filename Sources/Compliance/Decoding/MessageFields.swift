public import Foundation
import Geo
public import StrictJSON

/// The decoders' name for ``MessageFields`` with native rules (a `null` is refused).
typealias Fields = MessageFields

/// Typed, throwing access to one JSON object of a message, for the native decoders and the adapters. Every error
/// is a ``Rejection`` naming the field's full path and the rule, never the value (a refused payload is not
/// repeated anywhere).
///
/// Native messages refuse `null` ("give a value or leave it out"); foreign formats use it for "not known", so
/// their fields (``parse(_:maximumBytes:)``) read a `null` as an absent member.
public struct MessageFields: Sendable {
    public let object: JSONObject
    public let path: String
    /// Whether a `null` member counts as absent (foreign formats) or is refused (native).
    public let nullMeansAbsent: Bool

    public init(object: JSONObject, path: String, nullMeansAbsent: Bool = false) {
        self.object = object
        self.path = path
        self.nullMeansAbsent = nullMeansAbsent
    }

    /// A foreign message (an adapter's): the size checked first, then the JSON, which must be an object; `null`
    /// members count as absent.
    public static func parse(_ payload: some Collection<UInt8>, maximumBytes: Int) throws(Rejection) -> MessageFields {
        MessageFields(
            object: try openEnvelope(payload, maximumBytes: maximumBytes, maximumDepth: 16), path: "",
            nullMeansAbsent: true)
    }

    /// A message as a JSON object: the size checked before anything is parsed.
    static func openEnvelope(_ payload: some Collection<UInt8>, maximumBytes: Int, maximumDepth: Int)
        throws(Rejection) -> JSONObject
    {
        guard payload.count <= maximumBytes else {
            throw Rejection(.messageTooLarge, problem: "\(payload.count) bytes, over the limit of \(maximumBytes)")
        }
        let document: JSONValue
        do {
            document = try JSONParser.parse(payload, limits: .init(maximumDepth: maximumDepth))
        } catch {
            // Position only: the parser's own message can quote a key or a character of the refused payload.
            throw Rejection(.malformedJSON, problem: "not valid JSON at line \(error.line), column \(error.column)")
        }
        guard let object = document.objectValue else {
            throw Rejection(.malformedJSON, problem: "expected a JSON object, found \(document.typeName)")
        }
        return object
    }

    public func path(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// Whether the member is given (for foreign formats: given and not `null`).
    public func has(_ key: String) -> Bool {
        guard let value = object[key] else { return false }
        return !(nullMeansAbsent && value == .null)
    }

    /// The envelope's `v`, which must be 1.
    func requireVersion1() throws(Rejection) {
        let version = try integer("v", in: 0...1_000)
        guard version == 1 else {
            throw Rejection(
                .unsupportedVersion, field: "v", problem: "version \(version) is not supported (expected 1)")
        }
    }

    /// The envelope's `drone`, which must be the one the topic names (else: spoofing).
    func drone(matching topicDrone: String) throws(Rejection) -> String {
        let drone = try identifier("drone")
        guard drone == topicDrone else {
            throw Rejection(.droneMismatch, field: "drone", problem: "the payload names another drone than the topic")
        }
        return drone
    }

    public func value(_ key: String) throws(Rejection) -> JSONValue {
        guard let value = object[key], has(key) else {
            throw Rejection(.invalidField, field: path(key), problem: "is required")
        }
        guard value != .null else {
            throw Rejection(.invalidField, field: path(key), problem: "may not be null; give a value or leave it out")
        }
        return value
    }

    public func string(_ key: String) throws(Rejection) -> String {
        let value = try value(key)
        guard let text = value.stringValue else {
            throw Rejection(.invalidField, field: path(key), problem: "expected a string, found \(value.typeName)")
        }
        return text
    }

    /// A drone or mission id: 1 to 64 characters of letters, digits, `-`, `_` and `.`, so that it is safe in
    /// topics and reports.
    public func identifier(_ key: String) throws(Rejection) -> String {
        let text = try string(key)
        guard MessageFields.isIdentifier(text.utf8) else {
            throw Rejection(
                .invalidField, field: path(key),
                problem: "must be 1 to 64 letters, digits, '-', '_' or '.', not starting with '.' nor holding '..'")
        }
        return text
    }

    /// A drone, mission or stream name: 1 to 64 letters, digits, `-`, `_` or `.`, not starting with `.` and
    /// without `..` (so never `.` or `..`, which a path or a topic level could read as a directory).
    public static func isIdentifier(_ bytes: some Collection<UInt8>) -> Bool {
        guard (1...64).contains(bytes.count), bytes.first != UInt8(ascii: "."), bytes.allSatisfy(isIdentifierByte)
        else { return false }
        var previousDot = false
        for byte in bytes {
            let dot = byte == UInt8(ascii: ".")
            if dot && previousDot { return false }
            previousDot = dot
        }
        return true
    }

    static func isIdentifierByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F
            || b == 0x2E
    }

    public func number(_ key: String, in range: ClosedRange<Double>) throws(Rejection) -> Double {
        let value = try value(key)
        guard let number = value.doubleValue else {
            throw Rejection(.invalidField, field: path(key), problem: "expected a number, found \(value.typeName)")
        }
        guard range.contains(number) else {
            throw Rejection(
                .invalidField, field: path(key), problem: "out of range \(range.lowerBound)...\(range.upperBound)")
        }
        return number
    }

    /// A number that may be absent; given, it must be valid.
    public func optionalNumber(_ key: String, in range: ClosedRange<Double>) throws(Rejection) -> Double? {
        has(key) ? try number(key, in: range) : nil
    }

    public func integer(_ key: String, in range: ClosedRange<Double>) throws(Rejection) -> Int {
        let number = try number(key, in: range)
        guard let integer = Int(exactly: number) else {
            throw Rejection(.invalidField, field: path(key), problem: "expected a whole number")
        }
        return integer
    }

    public func optionalInteger(_ key: String, in range: ClosedRange<Double>) throws(Rejection) -> Int? {
        has(key) ? try integer(key, in: range) : nil
    }

    public func bool(_ key: String) throws(Rejection) -> Bool {
        let value = try value(key)
        guard let flag = value.boolValue else {
            throw Rejection(.invalidField, field: path(key), problem: "expected a boolean, found \(value.typeName)")
        }
        return flag
    }

    public func time(_ key: String) throws(Rejection) -> Date {
        let text = try string(key)
        do {
            return try RFC3339.parse(text)
        } catch {
            // The parser's message quotes the offending numbers; a rejection names the rule only.
            throw Rejection(
                .invalidField, field: path(key), problem: "not an RFC 3339 timestamp with a time zone offset")
        }
    }

    public func object(_ key: String) throws(Rejection) -> MessageFields {
        let value = try value(key)
        guard let nested = value.objectValue else {
            throw Rejection(.invalidField, field: path(key), problem: "expected an object, found \(value.typeName)")
        }
        return MessageFields(object: nested, path: path(key), nullMeansAbsent: nullMeansAbsent)
    }

    public func optionalObject(_ key: String) throws(Rejection) -> MessageFields? {
        has(key) ? try object(key) : nil
    }

    /// The objects of an array member, each with its `[index]` path.
    public func objects(_ key: String) throws(Rejection) -> [MessageFields] {
        let value = try value(key)
        guard let items = value.arrayValue else {
            throw Rejection(.invalidField, field: path(key), problem: "expected an array, found \(value.typeName)")
        }
        var result: [MessageFields] = []
        for (index, item) in items.enumerated() {
            let itemPath = "\(path(key))[\(index)]"
            guard let nested = item.objectValue else {
                throw Rejection(.invalidField, field: itemPath, problem: "expected an object, found \(item.typeName)")
            }
            result.append(MessageFields(object: nested, path: itemPath, nullMeansAbsent: nullMeansAbsent))
        }
        return result
    }
}
