public import Crypto
public import Foundation

/// An operator's Ed25519 key, which signs release orders. Files of one line each:
/// `flowgate-operator-ed25519-private-v1 <base64 of the 32-byte private key>` (mode 0600, kept by the operator)
/// and `flowgate-operator-ed25519-public-v1 <base64 of the 32-byte public key>` (listed in the gateway's
/// configuration under `operators:`).
public enum OperatorKey {
    static let privateTag = "flowgate-operator-ed25519-private-v1"
    static let publicTag = "flowgate-operator-ed25519-public-v1"

    /// Why a key file cannot be used.
    public struct FileError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var problem: String
        public var description: String { "\(path): \(problem)" }
    }

    public static func readPrivate(_ path: String) throws(FileError) -> Curve25519.Signing.PrivateKey {
        let raw = try read(path, tag: privateTag)
        guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else {
            throw FileError(path: path, problem: "not an Ed25519 private key")
        }
        return key
    }

    public static func readPublic(_ path: String) throws(FileError) -> Curve25519.Signing.PublicKey {
        let raw = try read(path, tag: publicTag)
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else {
            throw FileError(path: path, problem: "not an Ed25519 public key")
        }
        return key
    }

    /// The raw 32 bytes of a public key file, as ``CompliancePolicy/operatorKeys`` holds them.
    public static func readPublicBytes(_ path: String) throws(FileError) -> Data {
        try readPublic(path).rawRepresentation
    }

    /// Writes a new key pair: `path` (private, mode 0600) and `path.pub`.
    public static func generate(at path: String) throws(FileError) {
        let key = Curve25519.Signing.PrivateKey()
        try write(path, tag: privateTag, raw: key.rawRepresentation, mode: 0o600)
        try write(path + ".pub", tag: publicTag, raw: key.publicKey.rawRepresentation, mode: 0o644)
    }

    static func read(_ path: String, tag: String) throws(FileError) -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileError(path: path, problem: "cannot be read")
        }
        let parts = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            .split(separator: " ")
        guard parts.count == 2, parts[0] == tag, let raw = Data(base64Encoded: String(parts[1])) else {
            throw FileError(path: path, problem: "expected one line '\(tag) <base64>'")
        }
        return raw
    }

    static func write(_ path: String, tag: String, raw: Data, mode: Int) throws(FileError) {
        let text = "\(tag) \(raw.base64EncodedString())\n"
        guard
            FileManager.default.createFile(
                atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: mode])
        else { throw FileError(path: path, problem: "cannot be written") }
    }
}
