import Foundation
import Yams

/// Typed access to one YAML mapping, reporting every missing or mistyped key with its line and full path.
struct YAMLFields {
    let mapping: Node.Mapping?
    let path: String
    let file: String
    let log: ConfigLog

    func path(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// - Parameter at: the node whose line to give, when it is not `node` (an unknown key's own line).
    func report(_ key: String, _ node: Node?, _ problem: String, at: Node? = nil) {
        log.issues.append(
            ConfigIssue(
                file: file, line: (at?.mark ?? node?.mark ?? mapping?.mark).map { $0.line }, key: path(key),
                value: node.map(YAMLFields.summary) ?? "(missing)", problem: problem))
    }

    static func summary(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): "\"\(scalar.string)\""
        case .mapping: "(a mapping)"
        case .sequence: "(a list)"
        case .alias: "(an alias)"
        }
    }

    func rejectUnknownKeys(_ known: Set<String>) {
        for (key, value) in mapping ?? [:] {
            guard let name = key.string else { continue }
            if !known.contains(name) {
                report(name, value, "unknown key (known: \(known.sorted().joined(separator: ", ")))", at: key)
            }
        }
    }

    func node(_ key: String) -> Node? {
        guard let node = mapping?[key] else { return nil }
        // `key:` with nothing after it, or `~` and `null`, count as not given.
        if node.null != nil { return nil }
        return node
    }

    func string(_ key: String, required: Bool = false) -> String? {
        guard let node = node(key) else {
            if required { report(key, nil, "is required") }
            return nil
        }
        guard case .scalar(let scalar) = node else {
            report(key, node, "expected text")
            return nil
        }
        return scalar.string
    }

    /// `true` or `false` (YAML 1.2's core schema: no `yes`, `on` or quoted forms, which read as a typo more often
    /// than as intent).
    func boolean(_ key: String) -> Bool? {
        guard let node = node(key) else { return nil }
        guard case .scalar(let scalar) = node, scalar.style == .plain, ["true", "false"].contains(scalar.string)
        else {
            report(key, node, "expected true or false")
            return nil
        }
        return scalar.string == "true"
    }

    /// A list of text items; each item that is not text is reported by its index.
    func strings(_ key: String) -> [String]? {
        guard let node = node(key) else { return nil }
        guard case .sequence(let items) = node else {
            report(key, node, "expected a list")
            return nil
        }
        var strings: [String] = []
        for (index, item) in items.enumerated() {
            guard case .scalar(let scalar) = item else {
                report("\(key)[\(index)]", item, "expected text")
                continue
            }
            strings.append(scalar.string)
        }
        return strings
    }

    func number(_ key: String, in range: ClosedRange<Double>) -> Double? {
        guard let node = node(key) else { return nil }
        guard let value = node.float ?? node.int.map(Double.init), value.isFinite else {
            report(key, node, "expected a number")
            return nil
        }
        guard range.contains(value) else {
            report(key, node, "must be between \(format(range.lowerBound)) and \(format(range.upperBound))")
            return nil
        }
        return value
    }

    func integer(_ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let node = node(key) else { return nil }
        guard let value = node.int else {
            report(key, node, "expected a whole number")
            return nil
        }
        guard range.contains(value) else {
            report(key, node, "must be between \(range.lowerBound) and \(range.upperBound)")
            return nil
        }
        return value
    }

    func mapping(_ key: String, required: Bool = false) -> YAMLFields? {
        guard let node = node(key) else {
            if required { report(key, nil, "is required") }
            return nil
        }
        guard let mapping = node.mapping else {
            report(key, node, "expected a mapping of keys to values")
            return nil
        }
        return YAMLFields(mapping: mapping, path: path(key), file: file, log: log)
    }

    /// A path in the configuration, relative to the configuration file's folder.
    func fileURL(_ key: String, base: URL, mustExist: Bool, required: Bool = false) -> URL? {
        guard let text = string(key, required: required) else { return nil }
        let url = text.hasPrefix("/") ? URL(fileURLWithPath: text) : base.appendingPathComponent(text)
        if mustExist, !FileManager.default.isReadableFile(atPath: url.path) {
            report(key, node(key), "no readable file at \(url.path)")
            return nil
        }
        return url
    }

    private func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

final class ConfigLog {
    var issues: [ConfigIssue] = []
}
