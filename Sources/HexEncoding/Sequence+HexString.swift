/// Lowercase hexadecimal, two digits a byte: the one way digests, nonces and passwords are written as text.
extension Sequence where Element == UInt8 {
    /// The bytes as lowercase hex (a SHA-256 digest gives 64 characters).
    public var hexString: String {
        var out: [UInt8] = []
        out.reserveCapacity(underestimatedCount * 2)
        appendHex(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the bytes' hex digits, as UTF-8, to `out`: for text that is built byte by byte.
    public func appendHex(to out: inout [UInt8]) {
        for byte in self {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0f)])
        }
    }
}

private let hexDigits = Array("0123456789abcdef".utf8)
