import Foundation
import TestSupport

/// A reason or warning of an answer: its stable code and the zone or authorisation it is about.
struct Coded: Equatable, Sendable, CustomStringConvertible {
    var code: String
    var subject: String?

    init(_ code: String, _ subject: String?) {
        self.code = code
        self.subject = subject
    }

    var description: String { "\(code)(\(subject ?? "null"))" }
}

/// An answer's `nearest_boundary`.
struct NearestBoundary: Equatable, Sendable, CustomStringConvertible {
    var zone: String
    var kind: String
    var inside: Bool
    var metres: Double

    var description: String { "\(zone) (\(kind)), \(metres) m, inside: \(inside)" }
}

/// One output line of `flowgate zones query`, parsed with JSONSerialization.
struct AnswerLine {
    let text: String
    let object: [String: Any]

    /// The members every answer to a readable query carries.
    static let answerMembers: Set<String> = [
        "line", "drone", "mission", "time", "verdict", "reasons", "warnings", "zones", "authorised",
        "authorisation", "capture_allowed", "nearest_boundary",
    ]

    init(_ text: String) throws {
        self.text = text
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw FlowgateProcessError("output line is not a JSON object: \(text)")
        }
        self.object = object
    }

    /// Parses every line of a run's standard output.
    static func all(_ result: FlowgateResult) throws -> [AnswerLine] {
        try result.stdoutLines.map(AnswerLine.init)
    }

    var line: Int? { (object["line"] as? NSNumber)?.intValue }
    var error: String? { string("error") }
    var verdict: String? { string("verdict") }
    var reasons: [Coded]? { coded("reasons") }
    var warnings: [Coded]? { coded("warnings") }

    func string(_ key: String) -> String? { object[key] as? String }
    func bool(_ key: String) -> Bool? { object[key] as? Bool }
    func isNull(_ key: String) -> Bool { object[key] is NSNull }

    /// The ids listed under `zones` for one kind, or nil when that key is missing.
    func zones(_ kind: String) -> [String]? {
        (object["zones"] as? [String: Any])?[kind] as? [String]
    }

    /// The nearest boundary, or nil when it is `null` or missing (check ``isNull(_:)`` to tell them apart).
    var nearestBoundary: NearestBoundary? {
        guard let nearest = object["nearest_boundary"] as? [String: Any],
            let zone = nearest["zone"] as? String, let kind = nearest["kind"] as? String,
            let inside = nearest["inside"] as? Bool, let metres = (nearest["distance_m"] as? NSNumber)?.doubleValue
        else { return nil }
        return NearestBoundary(zone: zone, kind: kind, inside: inside, metres: metres)
    }

    private func coded(_ key: String) -> [Coded]? {
        guard let items = object[key] as? [[String: Any]] else { return nil }
        return items.map { Coded($0["code"] as? String ?? "(no code)", $0["subject"] as? String) }
    }
}
