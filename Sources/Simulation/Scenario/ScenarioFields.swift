import Foundation
import Geo
import StrictJSON

/// Typed access to one object of a scenario file; every problem names the file, the field's full path and the
/// value as written.
struct ScenarioFields {
    let object: JSONObject
    let path: String
    let file: String

    func path(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func issue(_ key: String, _ value: JSONValue?, _ problem: String) -> ScenarioIssue {
        ScenarioIssue(file: file, field: path(key), value: ScenarioFields.show(value), problem: problem)
    }

    /// The value as written, shortened so that a message stays one line.
    static func show(_ value: JSONValue?) -> String {
        guard let value else { return "(missing)" }
        let text = JSONWriter.write(value)
        return text.count <= 60 ? text : String(text.prefix(57)) + "..."
    }

    /// Refuses members this object does not define: a misspelt key must not silently fall back to a default.
    func allowOnly(_ keys: [String]) throws(ScenarioIssue) {
        if let unknown = object.members.first(where: { !keys.contains($0.key) }) {
            throw issue(unknown.key, unknown.value, "unknown field (known: \(keys.joined(separator: ", ")))")
        }
    }

    func value(_ key: String) throws(ScenarioIssue) -> JSONValue {
        guard let value = object[key] else { throw issue(key, nil, "is required") }
        guard value != .null else { throw issue(key, value, "may not be null; give a value or leave it out") }
        return value
    }

    func has(_ key: String) -> Bool { object[key] != nil }

    func string(_ key: String) throws(ScenarioIssue) -> String {
        let value = try value(key)
        guard let text = value.stringValue, !text.isEmpty else {
            throw issue(key, value, "expected a non-empty string")
        }
        return text
    }

    func optionalString(_ key: String) throws(ScenarioIssue) -> String? {
        has(key) ? try string(key) : nil
    }

    /// An id that is safe in topics: 1 to 64 letters, digits, `-`, `_` or `.`.
    func identifier(_ key: String) throws(ScenarioIssue) -> String {
        let text = try string(key)
        let allowed = text.utf8.allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D
                || $0 == 0x5F || $0 == 0x2E
        }
        guard text.utf8.count <= 64, allowed else {
            throw issue(key, .string(text), "must be 1 to 64 letters, digits, '-', '_' or '.'")
        }
        return text
    }

    func number(_ key: String, in range: ClosedRange<Double>) throws(ScenarioIssue) -> Double {
        let value = try value(key)
        guard let number = value.doubleValue else { throw issue(key, value, "expected a number") }
        guard range.contains(number) else {
            throw issue(key, value, "must be within \(range.lowerBound) ... \(range.upperBound)")
        }
        return number
    }

    func number(_ key: String, in range: ClosedRange<Double>, default fallback: Double) throws(ScenarioIssue)
        -> Double
    {
        has(key) ? try number(key, in: range) : fallback
    }

    /// A number that must be above zero (and at most `maximum`).
    func positive(_ key: String, maximum: Double) throws(ScenarioIssue) -> Double {
        let number = try number(key, in: 0...maximum)
        guard number > 0 else { throw issue(key, object[key], "must be above 0") }
        return number
    }

    func integer(_ key: String, in range: ClosedRange<Int>) throws(ScenarioIssue) -> Int {
        let value = try value(key)
        guard case .number(let number) = value, number.isInteger, let integer = number.intValue else {
            throw issue(key, value, "expected a whole number")
        }
        guard range.contains(integer) else {
            throw issue(key, value, "must be within \(range.lowerBound) ... \(range.upperBound)")
        }
        return integer
    }

    func time(_ key: String) throws(ScenarioIssue) -> Date {
        let text = try string(key)
        do {
            return try RFC3339.parse(text)
        } catch {
            throw issue(key, .string(text), "not an RFC 3339 time with a time zone offset: \(error.problem)")
        }
    }

    func object(_ key: String) throws(ScenarioIssue) -> ScenarioFields {
        let value = try value(key)
        guard let nested = value.objectValue else { throw issue(key, value, "expected an object") }
        return ScenarioFields(object: nested, path: path(key), file: file)
    }

    /// The objects of an array member, each with its indexed path.
    func objects(_ key: String, allowEmpty: Bool = false) throws(ScenarioIssue) -> [ScenarioFields] {
        let value = try value(key)
        guard let items = value.arrayValue else { throw issue(key, value, "expected an array") }
        guard allowEmpty || !items.isEmpty else { throw issue(key, value, "may not be empty") }
        var result: [ScenarioFields] = []
        for (index, item) in items.enumerated() {
            guard let nested = item.objectValue else {
                throw issue("\(key)[\(index)]", item, "expected an object")
            }
            result.append(ScenarioFields(object: nested, path: path("\(key)[\(index)]"), file: file))
        }
        return result
    }

    /// A `{lat, lon}` object's point.
    func point() throws(ScenarioIssue) -> GeoPoint {
        GeoPoint(latitude: try number("lat", in: -90...90), longitude: try number("lon", in: -180...180))
    }
}
