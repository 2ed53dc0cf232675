import Crypto
import Foundation

/// The public half, for `verify`: `flowgate-audit-ed25519-public-v1 <base64 of the 32-byte public key>`.
public struct CheckpointVerifier: Sendable {
    /// The 32-byte Ed25519 public key.
    let rawKey: Data
    public let keyID: String

    public init(publicKeyFile path: String) throws(AuditError) {
        let raw = try KeyFile.read(path: path, tag: KeyFile.publicTag)
        guard (try? Curve25519.Signing.PublicKey(rawRepresentation: raw)) != nil else {
            throw AuditError.keyFile(path: path, problem: "not an Ed25519 public key")
        }
        self.init(rawKey: raw)
    }

    init(rawKey: Data) {
        self.rawKey = rawKey
        keyID = KeyFile.keyID(rawKey)
    }

    func isValid(signature: Data, seq: Int64, hash: Data) -> Bool {
        isValid(signature: signature, for: CheckpointStatement.bytes(seq: seq, hash: hash))
    }

    func isValid(signature: Data, for message: Data) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: rawKey) else { return false }
        return key.isValidSignature(signature, for: message)
    }
}
