/// compliant, warning (within a margin) or breach.
public enum ComplianceState: String, Sendable, Hashable, CaseIterable {
    case compliant
    case warning
    case breach
}
