public import Airspace

/// The code of a finding, whichever family of rules produced it: one type, so that a code is compared as a
/// value and never as its text. The text (``rawValue``) is what the wire, the record and the docs use.
public enum FindingCode: Sendable, Hashable, CustomStringConvertible {
    /// Zones and authorisations: where the drone is and whether it may be there.
    case airspace(ReasonCode)
    /// The fix itself is implausible or out of order.
    case integrity(IntegrityCode)
    /// The live join: why a payload's drone may not deliver payload now.
    case join(JoinCode)
    /// The purpose, aggregation and optics rules on a payload's content.
    case payload(PayloadCode)

    /// The stable code as published and recorded (`in_no_fly`, `fix_stale`, ...).
    public var rawValue: String {
        switch self {
        case .airspace(let code): code.rawValue
        case .integrity(let code): code.rawValue
        case .join(let code): code.rawValue
        case .payload(let code): code.rawValue
        }
    }

    /// The code a text names, in any family: for reading the record back, never for the engine's own values.
    public init?(rawValue: String) {
        if let code = ReasonCode(rawValue: rawValue) {
            self = .airspace(code)
        } else if let code = IntegrityCode(rawValue: rawValue) {
            self = .integrity(code)
        } else if let code = JoinCode(rawValue: rawValue) {
            self = .join(code)
        } else if let code = PayloadCode(rawValue: rawValue) {
            self = .payload(code)
        } else {
            return nil
        }
    }

    public var description: String { rawValue }

    /// Whether the code is a position-integrity problem (a late, early, fast or replayed fix).
    public var isIntegrity: Bool {
        if case .integrity(let code) = self { return code != .seqRestarted }
        return false
    }
}
