/// Why a `frame_ref` or `clip_ref` is outside the grammar of ``MediaReferencePolicy``: the limits broken, as
/// numbers. The sender's scheme or host is never kept; a refused character is, alone, as the one thing the
/// sender must change.
public enum ReferenceProblem: Sendable, Hashable {
    /// Empty, or longer than the most characters allowed.
    case length(maximum: Int)
    /// No `scheme:` before the rest.
    case notURI
    /// A scheme not on the list (the allowed schemes, sorted).
    case scheme(allowed: [String])
    /// A byte outside letters, digits and `-._~/:`.
    case character(UInt8)
    /// `scheme://` with nothing before the next `/`.
    case noHost
    /// A host that is not one of the configured media hosts or their subdomains.
    case host
    /// More segments than allowed.
    case segments(count: Int, maximum: Int)
    /// A segment longer than allowed: its length.
    case segmentLength(Int, maximum: Int)

    /// The words after the reference's path in a finding's detail.
    var detail: String {
        switch self {
        case .length(let maximum): "must be 1 to \(maximum) characters"
        case .notURI: "must be a URI (scheme:rest)"
        case .scheme(let allowed): "names a scheme that is not one of \(allowed.joined(separator: ", "))"
        case .character(let byte):
            "may hold only letters, digits, '-', '.', '_', '~', '/' and ':' (found \(Self.describe(byte)))"
        case .noHost: "names no host"
        case .host: "host is not one of the configured media hosts"
        case .segments(let count, let maximum): "has \(count) segments, at most \(maximum) allowed"
        case .segmentLength(let length, let maximum):
            "has a segment of \(length) characters, at most \(maximum) allowed"
        }
    }

    /// A refused character, named without quoting what surrounds it.
    static func describe(_ b: UInt8) -> String {
        b >= 0x21 && b < 0x7F ? "'\(Character(Unicode.Scalar(b)))'" : "byte 0x\(String(b, radix: 16, uppercase: true))"
    }
}
