/// One reason about a payload message: its code and what the rule found, as ``PayloadFacts``. The words are
/// made only when the finding is printed, and never quote a value of the payload: they name the rule, the
/// place (by schema path) and the numbers flowgate computed.
public struct PayloadFinding: Sendable, Hashable, CustomStringConvertible {
    public enum Effect: String, Sendable, Hashable {
        case redact, block
    }

    public var code: PayloadCode
    public var facts: PayloadFacts

    public init(_ code: PayloadCode, _ facts: PayloadFacts) {
        self.code = code
        self.facts = facts
    }

    public var family: RuleFamily { code.family }
    public var isIdentification: Bool { code.isIdentification }
    public var effect: Effect { code.effect }

    /// The facts in words, for people.
    public var detail: String { facts.detail }

    public var description: String { "\(code.rawValue): \(detail)" }
}
