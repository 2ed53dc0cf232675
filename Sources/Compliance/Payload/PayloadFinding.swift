/// One reason about a payload message. The detail never quotes a value of the payload: it names the rule,
/// the place (by schema path) and the numbers flowgate computed.
public struct PayloadFinding: Sendable, Hashable, CustomStringConvertible {
    public enum Effect: String, Sendable, Hashable {
        case redact, block
    }

    public var code: PayloadCode
    public var detail: String

    public init(_ code: PayloadCode, detail: String) {
        self.code = code
        self.detail = detail
    }

    public var family: RuleFamily { code.family }
    public var isIdentification: Bool { code.isIdentification }
    public var effect: Effect { code.effect }

    public var description: String { "\(code.rawValue): \(detail)" }
}
