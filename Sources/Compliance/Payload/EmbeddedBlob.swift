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
        if bytes.count >= 5, bytes.prefix(5).lazy.map({ $0 | 0x20 }).elementsEqual("data:".utf8) {
            return "a data: URI"
        }
        // Raw bytes smuggled as code points U+0000 to U+00FF (`\u00ff\u00d8\u00ff...`).
        let raw = text.unicodeScalars.prefix(12).map { $0.value <= 0xFF ? UInt8($0.value) : 0 }
        if let image = imageType(raw) { return "raw \(image) bytes" }
        if let found = percentEncoded(bytes) { return found }
        if let found = splitRun(bytes) { return found }
        if let found = numberRun(bytes) { return found }
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
            if let image = imageType(base32Decoded(run.prefix(24))) { return "a base32-encoded \(image) image" }
        }
        return run.count > longestRun ? "a base64 or hex run of \(run.count) characters" : nil
    }

    /// The image format whose magic number starts `head`.
    static func imageType(_ head: [UInt8]) -> String? {
        for (magic, offset, name) in magicNumbers
        where head.count >= offset + magic.count && head[offset..<(offset + magic.count)].elementsEqual(magic) {
            return name
        }
        return nil
    }

    /// Magic numbers, the offset they start at, and the format's name, in the order they are tried. Made once:
    /// every string of every payload message is checked.
    static let magicNumbers: [(magic: [UInt8], offset: Int, name: String)] = [
        ([0xFF, 0xD8, 0xFF], 0, "JPEG"), ([0x89, 0x50, 0x4E, 0x47], 0, "PNG"), (Array("GIF8".utf8), 0, "GIF"),
        (Array("RIFF".utf8), 0, "RIFF (WebP)"), ([0x49, 0x49, 0x2A, 0x00], 0, "TIFF"),
        ([0x4D, 0x4D, 0x00, 0x2A], 0, "TIFF"),
        ([0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50], 0, "JPEG 2000"), ([0xFF, 0x4F, 0xFF, 0x51], 0, "JPEG 2000"),
        (Array("ftyp".utf8), 4, "ISO media (HEIF, MP4)"),
    ]

    /// Letters, digits and `+ / = - _`: base64 in either alphabet, and hex.
    static func isRunByte(_ b: UInt8) -> Bool {
        Fields.isIdentifierByte(b) && b != UInt8(ascii: ".") || b == UInt8(ascii: "+") || b == UInt8(ascii: "/")
            || b == UInt8(ascii: "=")
    }

    /// Three or more `%XX` escapes: the decoded bytes are checked for an image, and for a run, as the text is.
    static func percentEncoded(_ bytes: [UInt8]) -> String? {
        var decoded: [UInt8] = []
        var escapes = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let value = hexDecoded(bytes[(index + 1)...(index + 2)]).first,
                hexDecoded(bytes[(index + 1)...(index + 2)]).count == 1
            {
                decoded.append(value)
                escapes += 1
                index += 3
            } else {
                decoded.append(bytes[index])
                index += 1
            }
        }
        guard escapes >= 3 else { return nil }
        if let image = imageType(Array(decoded.prefix(12))) { return "a percent-encoded \(image) image" }
        if escapes * 3 > longestRun { return "a percent-encoded run of \(escapes) bytes" }
        return kind(of: String(decoding: decoded, as: UTF8.self)).map { "percent-encoded \($0)" }
    }

    /// Runs of base64, base32 or hex cut into short pieces by separators (`89504e47-0d0a1a0a-...`), read as
    /// one from each piece on: an image at their start, or more than ``longestRun`` characters of which a
    /// quarter are digits (encoded bytes are; prose is not).
    static func splitRun(_ bytes: [UInt8]) -> String? {
        let isAlphanumeric = { (b: UInt8) in (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) }
        var pieces: [ArraySlice<UInt8>] = []
        var index = 0
        while index < bytes.count {
            var end = index
            while end < bytes.count, isAlphanumeric(bytes[end]) { end += 1 }
            if end > index { pieces.append(bytes[index..<end]) }
            index = end + 1
        }
        guard pieces.count >= 2 else { return nil }
        for first in pieces.indices.prefix(16) {
            var joined: [UInt8] = []
            for piece in pieces[first...] where joined.count < 24 { joined += piece }
            guard joined.count >= 16, pieces[first].count < joined.count else { continue }
            if let image = imageType(hexDecoded(joined.prefix(24)[...])) {
                return "a hex-encoded \(image) image in pieces"
            }
            if let image = imageType(base64Decoded(joined.prefix(16)[...])) {
                return "a base64-encoded \(image) image in pieces"
            }
            if let image = imageType(base32Decoded(joined.prefix(24)[...])) {
                return "a base32-encoded \(image) image in pieces"
            }
        }
        let joined = pieces.reduce(0) { $0 + $1.count }
        let digits = pieces.reduce(0) { $0 + $1.filter { $0 >= 0x30 && $0 <= 0x39 }.count }
        guard joined > longestRun, digits * 4 >= joined else { return nil }
        return "an encoded run of \(joined) characters in \(pieces.count) pieces"
    }

    /// The most numbers a string may hold: more is an embedding or a template written out as text.
    public static let mostNumbersInText = 32

    /// More than ``mostNumbersInText`` numbers (`0.12, -0.5, ...`).
    static func numberRun(_ bytes: [UInt8]) -> String? {
        var numbers = 0
        var inNumber = false
        for b in bytes {
            let isNumberByte = (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: ".")
            if isNumberByte, !inNumber { numbers += 1 }
            inNumber = isNumberByte
        }
        return numbers > mostNumbersInText ? "\(numbers) numbers written as text (an embedding or template)" : nil
    }

}
