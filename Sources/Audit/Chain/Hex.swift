import Crypto
import Foundation
import HexEncoding

/// Lowercase hexadecimal, the form hashes and digests take in text.
enum Hex {
    static func encode(_ bytes: some Sequence<UInt8>) -> String { bytes.hexString }

    static func append(_ bytes: some Sequence<UInt8>, to out: inout [UInt8]) { bytes.appendHex(to: &out) }

    /// The bytes of a hex string, or `nil` when it is not an even number of hex digits.
    static func decode(_ text: String) -> Data? { [UInt8](hexString: text).map { Data($0) } }
}

/// SHA-256 as plain bytes.
enum SHA256Digest {
    static func of(_ bytes: some DataProtocol) -> Data {
        Data(SHA256.hash(data: bytes))
    }
}
