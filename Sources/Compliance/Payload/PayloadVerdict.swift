/// The payload verdicts.
public enum PayloadVerdict: String, Sendable, Hashable, CaseIterable {
    /// Published as it was understood.
    case forward
    /// Published with small counts suppressed.
    case redact
    /// Not published.
    case block
}
