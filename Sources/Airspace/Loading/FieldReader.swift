import Foundation
import Geo
import StrictJSON

/// Collects the issues of one pass, so that a reader reports everything it finds instead of the first thing.
final class IssueLog {
    private(set) var issues: [BundleIssue] = []

    func add(_ issue: BundleIssue) { issues.append(issue) }
}

/// Typed access to the members of one JSON object, reporting every missing or mistyped field to an
/// ``IssueLog`` with its file, item and full path.
struct FieldReader {
    let object: JSONObject
    let file: String
    let item: String?
    let path: String
    let log: IssueLog

    /// A reader for a file's top-level object, or `nil` (reported) when the file holds something else.
    /// - Parameter expected: what the file should hold, for the message.
    static func root(_ value: JSONValue, file: String, log: IssueLog, expected: String) -> FieldReader? {
        guard let object = value.objectValue else {
            log.add(
                BundleIssue(
                    file: file, item: nil, field: "(root)", value: value.typeName, problem: "expected \(expected)"))
            return nil
        }
        return FieldReader(object: object, file: file, item: nil, path: "", log: log)
    }

    /// Extension members that tools may add without being refused as unknown: `x_…` or `x-…`.
    static func isExtensionKey(_ key: String) -> Bool { key.hasPrefix("x_") || key.hasPrefix("x-") }

    func path(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func report(_ field: String, _ value: JSONValue?, _ problem: String) {
        log.add(BundleIssue(file: file, item: item, field: field, value: FieldReader.summary(value), problem: problem))
    }

    /// A short, single-line rendering of a value for messages.
    static func summary(_ value: JSONValue?) -> String {
        guard let value else { return "(missing)" }
        let text = JSONWriter.write(value)
        return text.count > 80 ? String(text.prefix(77)) + "..." : text
    }

    func rejectUnknownKeys(allowed: Set<String>) {
        for member in object.members where !allowed.contains(member.key) && !FieldReader.isExtensionKey(member.key) {
            report(
                path(member.key), member.value,
                "unknown field (known: \(allowed.sorted().joined(separator: ", ")); prefix extensions with x_)")
        }
    }

    /// The member's value; a missing member is reported when required, an explicit `null` always: a
    /// null must never quietly stand for "no limit" or "no zone".
    func value(_ key: String, required: Bool) -> JSONValue? {
        guard let value = object[key] else {
            if required { report(path(key), nil, "is required") }
            return nil
        }
        if value == .null {
            report(
                path(key), value,
                required ? "is required and may not be null" : "may not be null; give a value or leave the field out")
            return nil
        }
        return value
    }

    func string(_ key: String, required: Bool = true) -> String? {
        guard let value = value(key, required: required) else { return nil }
        guard let text = value.stringValue else {
            report(path(key), value, "expected a string, found \(value.typeName)")
            return nil
        }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            report(path(key), value, "must not be empty")
            return nil
        }
        return text
    }

    func number(_ key: String, required: Bool = true, in range: ClosedRange<Double>? = nil) -> Double? {
        guard let value = value(key, required: required) else { return nil }
        guard let number = value.doubleValue else {
            report(path(key), value, "expected a number, found \(value.typeName)")
            return nil
        }
        if let range, !range.contains(number) {
            report(path(key), value, "must be between \(range.lowerBound) and \(range.upperBound)")
            return nil
        }
        return number
    }

    func object(_ key: String, required: Bool = true) -> FieldReader? {
        guard let value = value(key, required: required) else { return nil }
        guard let nested = value.objectValue else {
            report(path(key), value, "expected an object, found \(value.typeName)")
            return nil
        }
        return FieldReader(object: nested, file: file, item: item, path: path(key), log: log)
    }

    func array(_ key: String, required: Bool = true) -> [JSONValue]? {
        guard let value = value(key, required: required) else { return nil }
        guard let items = value.arrayValue else {
            report(path(key), value, "expected an array, found \(value.typeName)")
            return nil
        }
        return items
    }

    /// A non-empty array of non-empty, distinct strings.
    func stringList(_ key: String, required: Bool = true) -> [String]? {
        guard let items = array(key, required: required) else { return nil }
        if items.isEmpty {
            report(path(key), .array(items), "must name at least one")
            return nil
        }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            guard let text = item.stringValue else {
                report("\(path(key))[\(index)]", item, "expected a string, found \(item.typeName)")
                continue
            }
            guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                report("\(path(key))[\(index)]", item, "must not be empty or blank")
                continue
            }
            if result.contains(text) {
                report("\(path(key))[\(index)]", item, "is listed twice")
                continue
            }
            result.append(text)
        }
        return result.count == items.count ? result : nil
    }

    func time(_ key: String, required: Bool = true) -> Date? {
        guard let text = string(key, required: required) else { return nil }
        do {
            return try RFC3339.parse(text)
        } catch {
            report(path(key), object[key], error.problem)
            return nil
        }
    }

    /// Objects of an array, each with a reader whose path ends in `[index]`.
    func objects(_ key: String, required: Bool = true) -> [FieldReader]? {
        guard let items = array(key, required: required) else { return nil }
        var readers: [FieldReader] = []
        for (index, element) in items.enumerated() {
            guard let nested = element.objectValue else {
                report("\(path(key))[\(index)]", element, "expected an object, found \(element.typeName)")
                continue
            }
            readers.append(
                FieldReader(object: nested, file: file, item: item, path: "\(path(key))[\(index)]", log: log))
        }
        return readers
    }
}
