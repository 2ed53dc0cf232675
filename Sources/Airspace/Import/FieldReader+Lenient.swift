import Foundation
import Geo
import StrictJSON

/// Reading ED-269 and ED-318 data as real files write it: optional members may be `null` (read as absent)
/// and numbers may be strings (`"0"`). Everything else is as strict as the bundle format.
extension FieldReader {
    /// The member unless it is missing or `null`; a required one is reported.
    func present(_ key: String, required: Bool) -> JSONValue? {
        guard let value = object[key], value != .null else {
            if required { report(path(key), object[key], "is required") }
            return nil
        }
        return value
    }

    func nested(_ value: JSONObject, at nestedPath: String) -> FieldReader {
        FieldReader(object: value, file: file, item: item, path: nestedPath, log: log)
    }

    func optionalString(_ key: String, required: Bool = false) -> String? {
        guard let value = present(key, required: required) else { return nil }
        guard let text = value.stringValue, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            report(path(key), value, "expected a non-empty string, found \(value.typeName)")
            return nil
        }
        return text
    }

    /// A number, or a string holding a plain decimal number (`"120"`, `"-3.5"`).
    func numeric(_ key: String, required: Bool, in range: ClosedRange<Double>) -> Double? {
        guard let value = present(key, required: required) else { return nil }
        var number = value.doubleValue
        if let text = value.stringValue, Self.isDecimal(text) { number = Double(text) }
        guard let number else {
            report(path(key), value, "expected a number (or a number written as a string), found \(value.typeName)")
            return nil
        }
        guard range.contains(number) else {
            report(path(key), value, "must be between \(range.lowerBound) and \(range.upperBound)")
            return nil
        }
        return number
    }

    static func isDecimal(_ text: String) -> Bool {
        let body = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        return (1...2).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigitChar) }
    }

    /// One of `allowed`, exactly.
    func choice(_ key: String, required: Bool, of allowed: Set<String>) -> String? {
        guard let text = optionalString(key, required: required) else { return nil }
        guard allowed.contains(text) else {
            report(path(key), object[key], "expected one of \(allowed.sorted().joined(separator: ", "))")
            return nil
        }
        return text
    }

    /// An optional RFC 3339 timestamp (`null` = absent).
    func optionalTime(_ key: String) -> Date? {
        guard let text = optionalString(key) else { return nil }
        do {
            return try RFC3339.parse(text)
        } catch {
            report(path(key), object[key], error.problem)
            return nil
        }
    }

    /// The objects of an optional array (`null` = absent), each with its reader.
    func optionalObjects(_ key: String, required: Bool = false) -> [FieldReader]? {
        guard present(key, required: required) != nil else { return nil }
        return objects(key)
    }

    /// A list of day codes: `MON` … `SUN`, or `ANY`; an empty list names no day.
    func days(_ key: String) -> Set<Weekday>? {
        guard let value = present(key, required: true) else { return nil }
        guard let codes = value.arrayValue else {
            report(path(key), value, "expected an array of day codes, found \(value.typeName)")
            return nil
        }
        var days = Set<Weekday>()
        for (index, code) in codes.enumerated() {
            if code.stringValue == "ANY" {
                days.formUnion(Weekday.allCases)
            } else if let text = code.stringValue, text == text.uppercased(), let day = Weekday(code: text) {
                days.insert(day)
            } else {
                report("\(path(key))[\(index)]", code, "unknown day (use MON, TUE, WED, THU, FRI, SAT, SUN or ANY)")
                return nil
            }
        }
        return days
    }

    /// An RFC 3339 time of day (`17:00:00.00Z`, `00:30:00+01:00`); without an offset it is UTC, as older
    /// ED-269 files write it.
    func fullTime(_ key: String, required: Bool) -> FullTime? {
        guard let text = optionalString(key, required: required) else { return nil }
        do {
            return try FullTime(parsing: text)
        } catch {
            report(path(key), object[key], "\(error.problem) (expected an RFC 3339 time hh:mm:ss[.fraction](Z|±hh:mm))")
            return nil
        }
    }
}

extension Character {
    fileprivate var isASCIIDigitChar: Bool { ("0"..."9").contains(self) }
}
