import Crypto
public import Foundation
import HexEncoding

/// The secret the instances of a cluster share to authenticate their partition hand-overs
/// (`cluster.failover.key_file`, 32 random bytes as hex: `openssl rand -hex 32`). The hand-overs travel on the
/// drones' broker, where anyone with the gateway's ingress credentials could publish one; without the key, a
/// forged hand-over (a made-up last fix a payload would join to, a `seq` and time ahead that withhold the drone's
/// next fixes as replays) is refused.
public struct HandoverKey: Sendable, Hashable {
    public static let minimumBytes = 32
    let bytes: [UInt8]

    /// - Throws: ``HandoverKeyError`` when the text is not hex or holds fewer than ``minimumBytes``.
    public init(hex text: String) throws(HandoverKeyError) {
        guard let bytes = [UInt8](hexString: text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw .notHex
        }
        guard bytes.count >= Self.minimumBytes else { throw .tooShort(bytes.count) }
        self.bytes = bytes
    }

    /// The key in a file (see ``init(hex:)``).
    public init(file: URL) throws(HandoverKeyError) {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { throw .unreadable(file.path) }
        try self.init(hex: text)
    }

    /// HMAC-SHA256 of `message`.
    func authenticationCode(_ message: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: bytes)))
    }

    /// Whether `code` is `message`'s, compared in constant time.
    func isValid(_ code: [UInt8], for message: [UInt8]) -> Bool {
        HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: message, using: SymmetricKey(data: bytes))
    }
}

/// Why a hand-over key cannot be used.
public enum HandoverKeyError: Error, Sendable, Hashable, CustomStringConvertible {
    case unreadable(String)
    case notHex
    case tooShort(Int)

    public var description: String {
        switch self {
        case .unreadable(let path): "cannot read the key file \(path)"
        case .notHex: "must hold the key as hexadecimal digits (make it with: openssl rand -hex 32)"
        case .tooShort(let count):
            "holds \(count) bytes; at least \(HandoverKey.minimumBytes) are required (openssl rand -hex 32)"
        }
    }
}
