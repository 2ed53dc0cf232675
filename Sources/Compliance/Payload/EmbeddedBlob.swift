/// Whether a string is, or carries, an embedded image or binary blob: a `data:` URI, image magic numbers
/// (raw, in hex or in base64), or a long run of base64 or hex characters. No payload string has room for one:
/// media travel by reference (`frame_ref`, `clip_ref`).
public enum EmbeddedBlob {
    /// The longest run of base64 characters (which include hex) a string may have: 127 characters, about 95
    /// bytes, is more than any id or hash the schemas hold (a SHA-256 is 64 hex or 44 base64 characters) and
    /// far less than the smallest image or face embedding.
    public static let longestRun = 127

    /// What the string carries, in words for a finding's detail (never the string itself), or `nil`.
    public static func kind(of text: String) -> String? {
        let bytes = Array(text.utf8)
        if bytes.count >= 5, bytes.prefix(5).map({ $0 | 0x20 }) == Array("data:".utf8) { return "a data: URI" }
        // Raw bytes smuggled as code points U+0000 to U+00FF (`\u00ff\u00d8\u00ff...`).
        let raw = text.unicodeScalars.prefix(12).map { $0.value <= 0xFF ? UInt8($0.value) : 0 }
        if let image = imageType(raw) { return "raw \(image) bytes" }
        var start = 0
        while start < bytes.count {
            guard isRunByte(bytes[start]) else {
                start += 1
                continue
            }
            var end = start
            while end < bytes.count, isRunByte(bytes[end]) { end += 1 }
            if let found = runKind(bytes[start..<end]) { return found }
            start = end
        }
        return nil
    }

    static func runKind(_ run: ArraySlice<UInt8>) -> String? {
        if run.count >= 16 {
            if let image = imageType(hexDecoded(run.prefix(24))) { return "a hex-encoded \(image) image" }
            if let image = imageType(base64Decoded(run.prefix(16))) { return "a base64-encoded \(image) image" }
        }
        return run.count > longestRun ? "a base64 or hex run of \(run.count) characters" : nil
    }

    /// The image format whose magic number starts `head`.
    static func imageType(_ head: [UInt8]) -> String? {
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + magic.count && Array(head[offset..<(offset + magic.count)]) == magic
        }
        if starts([0xFF, 0xD8, 0xFF]) { return "JPEG" }
        if starts([0x89, 0x50, 0x4E, 0x47]) { return "PNG" }
        if starts(Array("GIF8".utf8)) { return "GIF" }
        if starts(Array("RIFF".utf8)) { return "RIFF (WebP)" }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return "TIFF" }
        if starts([0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50]) || starts([0xFF, 0x4F, 0xFF, 0x51]) { return "JPEG 2000" }
        if starts(Array("ftyp".utf8), at: 4) { return "ISO media (HEIF, MP4)" }
        return nil
    }

    /// Letters, digits and `+ / = - _`: base64 in either alphabet, and hex.
    static func isRunByte(_ b: UInt8) -> Bool {
        Fields.isIdentifierByte(b) && b != UInt8(ascii: ".") || b == UInt8(ascii: "+") || b == UInt8(ascii: "/")
            || b == UInt8(ascii: "=")
    }

    static func base64Decoded(_ text: ArraySlice<UInt8>) -> [UInt8] {
        var bits = 0
        var count = 0
        var out: [UInt8] = []
        for b in text {
            let value: Int
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = Int(b) - 65
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = Int(b) - 97 + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = Int(b) - 48 + 52
            case UInt8(ascii: "+"), UInt8(ascii: "-"): value = 62
            case UInt8(ascii: "/"), UInt8(ascii: "_"): value = 63
            default: return out
            }
            bits = (bits << 6) | value
            count += 6
            if count >= 8 {
                count -= 8
                out.append(UInt8((bits >> count) & 0xFF))
            }
        }
        return out
    }

    static func hexDecoded(_ text: ArraySlice<UInt8>) -> [UInt8] {
        func nibble(_ b: UInt8) -> UInt8? {
            switch b | 0x20 {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): (b | 0x20) - 48
            case UInt8(ascii: "a")...UInt8(ascii: "f"): (b | 0x20) - 87
            default: nil
            }
        }
        var out: [UInt8] = []
        var index = text.startIndex
        while index + 1 < text.endIndex, let high = nibble(text[index]), let low = nibble(text[index + 1]) {
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }
}
