/// The grammar of `imagery`'s `frame_ref` and `clip_ref`: a pointer to media stored elsewhere, and nothing
/// else. Every other string member of an allowed product is an identifier, a time or a name of the schema; a
/// reference is the one free text an allowed product carries, so it is held to a narrow form:
///
/// - a scheme from ``schemes`` (default `https`, `s3`, `urn`), and for `scheme://` a host from ``hosts`` when
///   hosts are configured (a host matches itself and its subdomains);
/// - at most ``maximumLength`` characters of letters, digits, `-._~` and the separators `/` and `:` only:
///   no query, fragment, user, percent-escape, space or comma, so nothing can ride along as parameters;
/// - at most ``maximumSegments`` segments of at most ``maximumSegmentLength`` characters each.
///
/// What fits the grammar is still searched for identification: an embedded image or blob even when cut into
/// pieces, an identifier (``IdentifierDetector``), and identifying words (`urn:imsi:`, `faces/`).
public struct MediaReferencePolicy: Sendable, Hashable {
    public var schemes: Set<String> = ["https", "s3", "urn"]
    /// Allowed hosts of `scheme://host/...` references; empty allows any host.
    public var hosts: Set<String> = []
    public var maximumLength = 256
    public var maximumSegments = 24
    public var maximumSegmentLength = 64

    public init() {}

    /// Why the reference is refused, or `nil` when it is a plain reference.
    func problem(_ reference: String) -> ReferenceProblem? {
        let bytes = Array(reference.utf8)
        guard (1...maximumLength).contains(bytes.count) else {
            return .length(maximum: maximumLength)
        }
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0 else {
            return .notURI
        }
        let scheme = String(decoding: bytes[..<colon], as: UTF8.self).lowercased()
        guard schemes.contains(scheme) else {
            // Never kept: the scheme is the sender's text, and could carry what it must not.
            return .scheme(allowed: schemes.sorted())
        }
        if let bad = bytes.first(where: { !Self.isAllowed($0) }) {
            return .character(bad)
        }
        let rest = bytes[(colon + 1)...]
        if rest.starts(with: "//".utf8) {
            let authority = rest.dropFirst(2).prefix { $0 != UInt8(ascii: "/") }
            let host = String(decoding: authority.prefix { $0 != UInt8(ascii: ":") }, as: UTF8.self).lowercased()
            guard !host.isEmpty else { return .noHost }
            if !hosts.isEmpty, !hosts.contains(where: { host == $0 || host.hasSuffix("." + $0) }) {
                return .host
            }
        }
        let segments = rest.split(whereSeparator: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: ":") })
        guard segments.count <= maximumSegments else {
            return .segments(count: segments.count, maximum: maximumSegments)
        }
        if let long = segments.first(where: { $0.count > maximumSegmentLength }) {
            return .segmentLength(long.count, maximum: maximumSegmentLength)
        }
        return nil
    }

    /// Identification inside a reference: an identifier, or identifying words. A reference that carries a blob
    /// has none here: the blob is the deep scan's finding (it looks at every string), and one is enough.
    func identification(_ reference: String) -> ValueIdentification? {
        if EmbeddedBlob.kind(of: reference) != nil { return nil }
        if let identifier = IdentifierDetector.identifier(in: reference) { return .identifier(identifier) }
        if let match = IdentificationClassifier.match(reference) { return .words(match) }
        return nil
    }

    static func isAllowed(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            || [
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"),
                UInt8(ascii: ":"),
            ].contains(b)
    }
}
