/// Why a message was not accepted at all: it could not be decoded or attributed. Stable codes, used in
/// decisions, events and counters.
public enum RejectionCode: String, Sendable, Hashable, CaseIterable {
    /// Larger than the configured limit; not even parsed.
    case messageTooLarge = "message_too_large"
    /// Not a JSON document.
    case malformedJSON = "malformed_json"
    /// A required field is missing, or a field has the wrong type or an out-of-range value.
    case invalidField = "invalid_field"
    /// A format version flowgate does not know.
    case unsupportedVersion = "unsupported_version"
    /// The drone id in the payload differs from the one in the topic: spoofing.
    case droneMismatch = "drone_mismatch"
    /// A topic no rule of the configuration accepts.
    case unknownTopic = "unknown_topic"
    /// A release order that does not prove who sent it: unsigned, signed with a key not configured for the
    /// operator it names, expired, replayed or retained.
    case notAuthenticated = "not_authenticated"
}

/// A refused message: the code, the field at fault if any, and what was wrong. Never the content: a refused
/// payload is not repeated anywhere, so the message names the field and the rule, not the value.
public struct Rejection: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: RejectionCode
    public var field: String?
    public var problem: String

    public init(_ code: RejectionCode, field: String? = nil, problem: String) {
        self.code = code
        self.field = field
        self.problem = problem
    }

    public var description: String {
        "\(code.rawValue)\(field.map { " (\($0))" } ?? ""): \(problem)"
    }
}
