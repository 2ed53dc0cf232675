import Crypto
import Foundation

/// The Ed25519 key that signs checkpoints, read from a one-line text file (format in Docs/RECORD.md):
/// `flowgate-audit-ed25519-private-v1 <base64 of the 32-byte private key>`.
public struct CheckpointSigner: Sendable {
    private let key: Curve25519.Signing.PrivateKey
    /// The first 16 hex digits of the SHA-256 of the public key: names the key in checkpoint records.
    public let keyID: String

    public init(privateKeyFile path: String) throws(AuditError) {
        let raw = try KeyFile.read(path: path, tag: KeyFile.privateTag)
        do {
            key = try Curve25519.Signing.PrivateKey(rawRepresentation: raw)
            keyID = KeyFile.keyID(key.publicKey.rawRepresentation)
        } catch {
            throw AuditError.keyFile(path: path, problem: "not an Ed25519 private key (\(error))")
        }
    }

    /// The public half: the gateway checks its own record with it when it opens the record.
    public var verifier: CheckpointVerifier { CheckpointVerifier(rawKey: key.publicKey.rawRepresentation) }

    /// Signs the statement that the chain reached `hash` at `seq`.
    func sign(seq: Int64, hash: Data) -> Data {
        sign(CheckpointStatement.bytes(seq: seq, hash: hash))
    }

    /// Ed25519 over `message`. Signing cannot fail with a key that loaded; an empty signature (which never
    /// verifies) stands for the impossible failure rather than a crash of the writer thread.
    func sign(_ message: Data) -> Data {
        (try? key.signature(for: message)) ?? Data()
    }

    /// Writes a new key pair: the private key (mode 0600) and the public key, in the documented format.
    public static func generateKeyPair(privateKeyFile: String, publicKeyFile: String) throws(AuditError) {
        let key = Curve25519.Signing.PrivateKey()
        try KeyFile.write(path: privateKeyFile, tag: KeyFile.privateTag, raw: key.rawRepresentation, mode: 0o600)
        try KeyFile.write(
            path: publicKeyFile, tag: KeyFile.publicTag, raw: key.publicKey.rawRepresentation, mode: 0o644)
    }
}

/// What a checkpoint signs: `flowgate-audit-checkpoint-v1\n<seq>\n<hash hex>` in UTF-8.
enum CheckpointStatement {
    static func bytes(seq: Int64, hash: Data) -> Data {
        Data("flowgate-audit-checkpoint-v1\n\(seq)\n\(Hex.encode(hash))".utf8)
    }
}

enum KeyFile {
    static let privateTag = "flowgate-audit-ed25519-private-v1"
    static let publicTag = "flowgate-audit-ed25519-public-v1"

    static func keyID(_ publicKey: Data) -> String { String(Hex.encode(SHA256Digest.of(publicKey)).prefix(16)) }

    static func read(path: String, tag: String) throws(AuditError) -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AuditError.keyFile(path: path, problem: "cannot be read")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0] == tag else {
            let found = parts.first.map { "'\($0.prefix(40))'" } ?? "an empty file"
            throw AuditError.keyFile(path: path, problem: "expected one line '\(tag) <base64>', found \(found)")
        }
        guard let raw = Data(base64Encoded: String(parts[1])), raw.count == 32 else {
            throw AuditError.keyFile(path: path, problem: "the key is not 32 bytes of base64")
        }
        return raw
    }

    static func write(path: String, tag: String, raw: Data, mode: Int) throws(AuditError) {
        let text = "\(tag) \(raw.base64EncodedString())\n"
        guard
            FileManager.default.createFile(
                atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: mode])
        else { throw AuditError.keyFile(path: path, problem: "cannot be written") }
    }
}
