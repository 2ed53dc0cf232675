public import Foundation

/// A signed checkpoint as published outside the database: a C2SP signed note (c2sp.org/signed-note) whose text
/// is a checkpoint (c2sp.org/tlog-checkpoint):
///
/// ```
/// flowgate-audit/3fa2c1d4e5f60718/flowgate-audit.sqlite
/// 1042
/// 3q2+7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=
///
/// — flowgate-audit/3fa2c1d4e5f60718 AbCdEf…
/// ```
///
/// The origin line names the key and the record file; the tree size is the seq of the record the checkpoint
/// covers; the "root hash" is that record's chain hash (`hash`), not the root of a Merkle tree: the record is a
/// hash chain, whose head commits to every record before it. The signature line carries the key's name and
/// base64 of its 4-byte key ID followed by the Ed25519 signature of the note text.
public struct CheckpointNote: Sendable, Equatable {
    public struct Signature: Sendable, Equatable {
        public var keyName: String
        /// The 4-byte key ID (big endian) followed by the signature.
        public var bytes: Data
    }

    public var origin: String
    public var treeSize: Int64
    public var rootHash: Data
    public var signatures: [Signature]

    /// The note text: the three lines, each ending in a newline.
    public var text: String { "\(origin)\n\(treeSize)\n\(rootHash.base64EncodedString())\n" }

    /// The whole note: the text, a blank line and the signature lines.
    public var signedText: String {
        text + "\n" + signatures.map { "\u{2014} \($0.keyName) \($0.bytes.base64EncodedString())\n" }.joined()
    }

    /// The checkpoint of `recordFile` at (`seq`, `hash`), signed with `signer`.
    static func signed(recordFile: String, seq: Int64, hash: Data, signer: CheckpointSigner) -> CheckpointNote {
        let verifier = signer.verifier
        let name = NoteKey.name(keyID: signer.keyID)
        var note = CheckpointNote(
            origin: NoteKey.origin(keyID: signer.keyID, recordFile: recordFile), treeSize: seq, rootHash: hash,
            signatures: [])
        let signature = signer.sign(Data(note.text.utf8))
        note.signatures = [
            Signature(keyName: name, bytes: NoteKey.id(name: name, publicKey: verifier.rawKey) + signature)
        ]
        return note
    }

    /// Whether a signature of `verifier`'s key (its name and key ID) is on the note and every such one verifies.
    /// Signatures of other keys are ignored, as the signed-note specification requires.
    func isSigned(by verifier: CheckpointVerifier) -> Bool {
        let name = NoteKey.name(keyID: verifier.keyID)
        let id = NoteKey.id(name: name, publicKey: verifier.rawKey)
        let ours = signatures.filter { $0.keyName == name && $0.bytes.prefix(4) == id }
        return !ours.isEmpty
            && ours.allSatisfy { verifier.isValid(signature: Data($0.bytes.dropFirst(4)), for: Data(text.utf8)) }
    }
}
