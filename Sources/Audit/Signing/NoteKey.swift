import Crypto
import Foundation

/// How a checkpoint key appears in C2SP signed notes (c2sp.org/signed-note): its name, its 4-byte key ID, and
/// the origin line of the checkpoints it signs for one record file.
enum NoteKey {
    /// The signature type byte of Ed25519 in signed notes.
    static let ed25519Type: UInt8 = 0x01

    /// `flowgate-audit/<key id>`: derived from the public key alone, so a verifier needs nothing but the key.
    static func name(keyID: String) -> String { "flowgate-audit/\(keyID)" }

    /// `SHA-256(key name || 0x0A || 0x01 || public key)[:4]`, as the signed-note specification recommends.
    static func id(name: String, publicKey: Data) -> Data {
        var hasher = SHA256()
        hasher.update(data: Data(name.utf8))
        hasher.update(data: Data([0x0A, ed25519Type]))
        hasher.update(data: publicKey)
        return Data(hasher.finalize().prefix(4))
    }

    /// The origin of a record file's checkpoints: the key's name, then the file's name. Each file is a log of
    /// its own (a successor file starts again at seq 1, and one origin must never shrink), and the same name
    /// keeps the same origin, so a file deleted and started afresh is caught by its earlier checkpoints.
    /// Characters other than letters, digits, `.`, `_` and `-` become `_` (an origin has no spaces or `+`).
    static func origin(keyID: String, recordFile path: String) -> String {
        let file = URL(fileURLWithPath: path).lastPathComponent
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        return name(keyID: keyID) + "/" + String(file.map { allowed.contains($0) ? $0 : "_" })
    }
}

extension CheckpointVerifier {
    /// The key in the form Go's `golang.org/x/mod/sumdb/note` and C2SP tooling read:
    /// `<name>+<key ID hex>+<base64(0x01 || public key)>`.
    public var noteVerifierKey: String {
        let name = NoteKey.name(keyID: keyID)
        return name + "+" + Hex.encode(NoteKey.id(name: name, publicKey: rawKey)) + "+"
            + (Data([NoteKey.ed25519Type]) + rawKey).base64EncodedString()
    }
}
