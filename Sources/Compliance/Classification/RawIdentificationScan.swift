/// A best-effort look at the bytes of a message that could not be decoded (nested too deep, broken JSON, an
/// envelope that does not hold): a broken message is no way around the suspension of its stream. Every
/// string literal (escapes resolved as far as they go) and every bare word outside one is checked against
/// the identification vocabulary, for identifiers, and for images by their magic numbers.
///
/// Bounded: at most ``mostTokens`` distinct tokens are classified; a message with more is not innocent by
/// default, and counts as identification (release is an audited operator action).
public enum RawIdentificationScan {
    public static let mostTokens = 2_048

    /// The identification findings; empty when nothing names or carries identification.
    public static func findings(_ payload: some Collection<UInt8>) -> [PayloadFinding] {
        var seen = Set<String>()
        var signs: [RawIdentificationSign] = []
        var tooMany = false
        for token in tokens(Array(payload)) where seen.insert(token).inserted {
            guard seen.count <= mostTokens else {
                tooMany = true
                break
            }
            if let sign = sign(token) {
                signs.append(sign)
                if signs.count >= 3 { break }
            }
        }
        if tooMany { signs.append(.tooManyWords(limit: mostTokens)) }
        guard !signs.isEmpty else { return [] }
        return [PayloadFinding(.uninspectableIdentification, .undecodableIdentification(signs))]
    }

    static func sign(_ token: String) -> RawIdentificationSign? {
        if let match = IdentificationClassifier.match(token) { return .words(match) }
        if let identifier = IdentifierDetector.identifier(in: token) { return .identifier(identifier) }
        let bytes = Array(token.utf8)
        if bytes.count >= 5, bytes.prefix(5).lazy.map({ $0 | 0x20 }).elementsEqual("data:".utf8) {
            return .dataURI
        }
        if bytes.count >= 16 {
            if let image = EmbeddedBlob.imageType(EmbeddedBlob.hexDecoded(bytes.prefix(24))) {
                return .hexImage(image)
            }
            if let image = EmbeddedBlob.imageType(EmbeddedBlob.base64Decoded(bytes.prefix(16))) {
                return .base64Image(image)
            }
        }
        return nil
    }

    /// String literals and bare words. An unterminated literal runs to the end.
    static func tokens(_ bytes: [UInt8]) -> [String] {
        var tokens: [String] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                var literal: [UInt8] = []
                index += 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count {
                        index += 1
                        if bytes[index] == UInt8(ascii: "u"), index + 4 < bytes.count,
                            let value = UInt32(
                                String(decoding: bytes[(index + 1)...(index + 4)], as: UTF8.self), radix: 16),
                            let scalar = Unicode.Scalar(value)
                        {
                            literal += Array(String(Character(scalar)).utf8)
                            index += 5
                            continue
                        }
                    }
                    literal.append(bytes[index])
                    index += 1
                }
                index += 1
                tokens.append(String(decoding: literal, as: UTF8.self))
            } else if isBare(byte) {
                let start = index
                while index < bytes.count, isBare(bytes[index]) { index += 1 }
                let word = String(decoding: bytes[start..<index], as: UTF8.self)
                if !["true", "false", "null"].contains(word), word.utf8.contains(where: { $0 >= 0x41 }) {
                    tokens.append(word)
                }
            } else {
                index += 1
            }
        }
        return tokens
    }

    /// Bytes of a word outside a string literal: anything but JSON's structure and white space.
    static func isBare(_ b: UInt8) -> Bool {
        !"{}[],:\" \t\r\n".utf8.contains(b)
    }
}
