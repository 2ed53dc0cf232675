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

    /// Why the reference is refused, or `nil` when it is a plain reference. `field` names the member.
    func problem(_ reference: String) -> String? {
        let bytes = Array(reference.utf8)
        guard (1...maximumLength).contains(bytes.count) else {
            return "must be 1 to \(maximumLength) characters"
        }
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0 else {
            return "must be a URI (scheme:rest)"
        }
        let scheme = String(decoding: bytes[..<colon], as: UTF8.self).lowercased()
        guard schemes.contains(scheme) else {
            // Never quoted: the scheme is the sender's text, and could carry what it must not.
            return "names a scheme that is not one of \(schemes.sorted().joined(separator: ", "))"
        }
        if let bad = bytes.first(where: { !Self.isAllowed($0) }) {
            return "may hold only letters, digits, '-', '.', '_', '~', '/' and ':' (found \(Self.describe(bad)))"
        }
        let rest = bytes[(colon + 1)...]
        if rest.starts(with: "//".utf8) {
            let authority = rest.dropFirst(2).prefix { $0 != UInt8(ascii: "/") }
            let host = String(decoding: authority.prefix { $0 != UInt8(ascii: ":") }, as: UTF8.self).lowercased()
            guard !host.isEmpty else { return "names no host" }
            if !hosts.isEmpty, !hosts.contains(where: { host == $0 || host.hasSuffix("." + $0) }) {
                return "host is not one of the configured media hosts"
            }
        }
        let segments = rest.split(whereSeparator: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: ":") })
        guard segments.count <= maximumSegments else {
            return "has \(segments.count) segments, at most \(maximumSegments) allowed"
        }
        if let long = segments.first(where: { $0.count > maximumSegmentLength }) {
            return "has a segment of \(long.count) characters, at most \(maximumSegmentLength) allowed"
        }
        return nil
    }

    /// Identification inside a reference that fits the grammar: a blob, an identifier, identifying words.
    func identification(_ reference: String) -> (code: PayloadCode, detail: String)? {
        if let blob = EmbeddedBlob.kind(of: reference) { return (.embeddedBlob, blob) }
        if let identifier = IdentifierDetector.identifier(in: reference) {
            return (.identifierInValue, "the reference carries \(identifier)")
        }
        if let match = IdentificationClassifier.match(reference) {
            return (.identifyingName, "the reference names identification: \(match)")
        }
        return nil
    }

    static func isAllowed(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            || [
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"),
                UInt8(ascii: ":"),
            ].contains(b)
    }

    /// A refused character, named without quoting what surrounds it.
    static func describe(_ b: UInt8) -> String {
        b >= 0x21 && b < 0x7F ? "'\(Character(Unicode.Scalar(b)))'" : "byte 0x\(String(b, radix: 16, uppercase: true))"
    }
}
