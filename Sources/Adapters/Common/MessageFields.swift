import Compliance
import Foundation
import Geo
import StrictJSON

/// Typed, throwing access to one JSON object of a foreign message; every error is a ``Rejection`` naming the
/// field's full path and the rule, never the value (a refused payload is not repeated anywhere).
struct MessageFields {
    let object: JSONObject
    let path: String

    /// Parses a whole message: the size is checked first, then the JSON, which must be an object.
    static func parse(_ payload: some Collection<UInt8>, maximumBytes: Int) throws(Rejection) -> MessageFields {
        guard payload.count <= maximumBytes else {
            throw Rejection(.messageTooLarge, problem: "\(payload.count) bytes, over the limit of \(maximumBytes)")
        }
        let document: JSONValue
        do {
            document = try JSONParser.parse(payload, limits: .init(maximumDepth: 16))
        } catch {
            throw Rejection(.malformedJSON, problem: "not valid JSON at line \(error.line), column \(error.column)")
        }
        guard let object = document.objectValue else {
            throw Rejection(.malformedJSON, problem: "expected a JSON object, found \(document.typeName)")
        }
        return MessageFields(object: object, path: "")
    }

    func path(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func has(_ key: String) -> Bool { object[key] != nil && object[key] != .null }

    func value(_ key: String) throws(Rejection) -> JSONValue {
        guard let value = object[key], value != .null else {
            throw Rejection(.invalidField, field: path(key), problem: "is required")
        }
        return value
    }

    func string(_ key: String) throws(Rejection) -> String {
        let value = try value(key)
        guard let text = value.stringValue else {
            throw Rejection(.invalidField, field: path(key), problem: "expected a string, found \(value.typeName)")
        }
        return text
    }

    func number(_ key: String, in range: ClosedRange<Double>) throws(Rejection) -> Double {
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

    /// A number that may be absent (missing or `null`); present, it must be valid.
    func optionalNumber(_ key: String, in range: ClosedRange<Double>) throws(Rejection) -> Double? {
        has(key) ? try number(key, in: range) : nil
    }

    func integer(_ key: String, in range: ClosedRange<Double>) throws(Rejection) -> Int {
        let number = try number(key, in: range)
        guard let integer = Int(exactly: number) else {
            throw Rejection(.invalidField, field: path(key), problem: "expected a whole number")
        }
        return integer
    }

    func optionalInteger(_ key: String, in range: ClosedRange<Double>) throws(Rejection) -> Int? {
        has(key) ? try integer(key, in: range) : nil
    }

    func bool(_ key: String) throws(Rejection) -> Bool {
        let value = try value(key)
        guard let flag = value.boolValue else {
            throw Rejection(.invalidField, field: path(key), problem: "expected a boolean, found \(value.typeName)")
        }
        return flag
    }

    func time(_ key: String) throws(Rejection) -> Date {
        let text = try string(key)
        do {
            return try RFC3339.parse(text)
        } catch {
            throw Rejection(
                .invalidField, field: path(key), problem: "not an RFC 3339 timestamp with a time zone offset")
        }
    }

    func object(_ key: String) throws(Rejection) -> MessageFields {
        let value = try value(key)
        guard let nested = value.objectValue else {
            throw Rejection(.invalidField, field: path(key), problem: "expected an object, found \(value.typeName)")
        }
        return MessageFields(object: nested, path: path(key))
    }

    func optionalObject(_ key: String) throws(Rejection) -> MessageFields? {
        has(key) ? try object(key) : nil
    }

    /// The objects of an array member, each with its `[index]` path.
    func objects(_ key: String) throws(Rejection) -> [MessageFields] {
        let value = try value(key)
        guard let items = value.arrayValue else {
            throw Rejection(.invalidField, field: path(key), problem: "expected an array, found \(value.typeName)")
        }
        var result: [MessageFields] = []
        for (index, item) in items.enumerated() {
            guard let nested = item.objectValue else {
                throw Rejection(
                    .invalidField, field: "\(path(key))[\(index)]",
                    problem: "expected an object, found \(item.typeName)"
                )
            }
            result.append(MessageFields(object: nested, path: "\(path(key))[\(index)]"))
        }
        return result
    }
}

/// A track or heading in degrees folded into 0 ..< 360 (sources give -180 ... 180 or 0 ... 360).
func normalisedTrack(_ degrees: Double) -> Double {
    let folded = degrees.truncatingRemainder(dividingBy: 360)
    return folded < 0 ? folded + 360 : folded
}
