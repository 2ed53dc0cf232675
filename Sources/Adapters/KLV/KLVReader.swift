import Compliance

/// Reads SMPTE 336 KLV bytes: BER lengths (short form below 128, long form `0x8n` followed by n bytes) and
/// BER-OID tags (7 bits per byte, high bit = more). Every error is a ``Rejection`` naming the offset.
struct KLVReader {
    let bytes: [UInt8]
    private(set) var offset: Int

    init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var isAtEnd: Bool { offset >= bytes.count }

    mutating func take(_ count: Int, what: String) throws(Rejection) -> ArraySlice<UInt8> {
        guard count >= 0, bytes.count - offset >= count else {
            throw Rejection(
                .invalidField, field: "klv",
                problem: "truncated: \(what) needs \(count) bytes at offset \(offset), \(bytes.count - offset) left")
        }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    /// A BER length; long forms of more than 4 bytes are refused (no packet is that large).
    mutating func berLength() throws(Rejection) -> Int {
        let first = try take(1, what: "a BER length").first!
        guard first & 0x80 != 0 else { return Int(first) }
        let count = Int(first & 0x7F)
        guard (1...4).contains(count) else {
            throw Rejection(
                .invalidField, field: "klv",
                problem: "BER length at offset \(offset - 1) uses \(count) length bytes (1 to 4 are accepted)")
        }
        return try take(count, what: "a BER long-form length").reduce(0) { $0 << 8 | Int($1) }
    }

    /// A BER-OID tag of at most 4 bytes.
    mutating func berOIDTag() throws(Rejection) -> Int {
        var tag = 0
        for index in 0..<4 {
            let byte = try take(1, what: "a tag").first!
            tag = tag << 7 | Int(byte & 0x7F)
            if byte & 0x80 == 0 { return tag }
            if index == 3 { break }
        }
        throw Rejection(.invalidField, field: "klv", problem: "tag at offset \(offset - 4) is longer than 4 bytes")
    }
}

extension Collection<UInt8> {
    /// The bytes as a big-endian unsigned integer (at most 8 bytes).
    var bigEndianUnsigned: UInt64 { reduce(0) { $0 << 8 | UInt64($1) } }

    /// The bytes as a big-endian two's-complement integer (at most 8 bytes).
    var bigEndianSigned: Int64 {
        let bits = count * 8
        let raw = bigEndianUnsigned
        guard bits < 64, raw & (1 << (bits - 1)) != 0 else { return Int64(bitPattern: raw) }
        return Int64(bitPattern: raw) - (1 << bits)
    }
}
