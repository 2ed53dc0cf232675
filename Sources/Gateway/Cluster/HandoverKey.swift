import Crypto
public import Foundation

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
        guard let bytes = Self.bytes(hex: text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw .notHex
        }
        guard bytes.count >= Self.minimumBytes else { throw .tooShort(bytes.count) }
        self.bytes = bytes
    }

    /// The bytes of a hex text, `nil` when it is not hex.
    static func bytes(hex text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    /// The key in a file (see ``init(hex:)``).
    public init(file: URL) throws(HandoverKeyError) {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { throw .unreadable(file.path) }
        try self.init(hex: text)
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
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
