import Crypto
import Foundation
import HexEncoding

/// Lowercase hexadecimal, the form hashes and digests take in text.
enum Hex {
    static func encode(_ bytes: some Sequence<UInt8>) -> String { bytes.hexString }

    static func append(_ bytes: some Sequence<UInt8>, to out: inout [UInt8]) { bytes.appendHex(to: &out) }

    /// The bytes of a hex string, or `nil` when it is not an even number of hex digits.
    static func decode(_ text: String) -> Data? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var out = Data(capacity: chars.count / 2)
        var index = 0
        while index < chars.count {
            guard let high = value(chars[index]), let low = value(chars[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    private static func value(_ char: UInt8) -> UInt8? {
        switch char {
        case 0x30...0x39: char - 0x30
        case 0x61...0x66: char - 0x61 + 10
        case 0x41...0x46: char - 0x41 + 10
        default: nil
        }
    }
}

/// SHA-256 as plain bytes.
enum SHA256Digest {
    static func of(_ bytes: some DataProtocol) -> Data {
        Data(SHA256.hash(data: bytes))
    }
}
