import Foundation

/// The writer's signature over the last record it committed, kept in `audit_meta` (key `signed_head`) and
/// replaced in the same transaction as every batch.
///
/// Checkpoint records are signed every `checkpointEveryRecords` records; the records after the last one were
/// protected by the chain alone, which anyone with write access to the file can recompute. The signed head
/// closes that gap: whatever the file's last record is, the key holder signed its hash, so a tail that was
/// rewritten, or cut, no longer matches it. What it cannot show is a file rolled back to an earlier state
/// with that state's head restored: the published checkpoints (``CheckpointNote``) do.
struct SignedHead: Equatable, Sendable {
    static let metaKey = "signed_head"

    var seq: Int64
    var hash: Data
    var keyID: String
    var signature: Data

    init(seq: Int64, hash: Data, signer: CheckpointSigner) {
        self.seq = seq
        self.hash = hash
        keyID = signer.keyID
        signature = signer.sign(SignedHead.statement(seq: seq, hash: hash))
    }

    /// What is signed: `flowgate-audit-head-v1\n<seq>\n<hash hex>` in UTF-8, apart from what checkpoints sign.
    static func statement(seq: Int64, hash: Data) -> Data {
        Data("flowgate-audit-head-v1\n\(seq)\n\(Hex.encode(hash))".utf8)
    }

    /// As stored: `<seq> <hash hex> <key id> <signature base64>`.
    var text: String { "\(seq) \(Hex.encode(hash)) \(keyID) \(signature.base64EncodedString())" }

    /// Reads the stored form; `nil` when it is not one.
    init?(text: String) {
        let parts = text.split(separator: " ")
        guard parts.count == 4, let seq = Int64(parts[0]), let hash = Hex.decode(String(parts[1])),
            let signature = Data(base64Encoded: String(parts[3]))
        else { return nil }
        self.seq = seq
        self.hash = hash
        keyID = String(parts[2])
        self.signature = signature
    }

    func isValid(for verifier: CheckpointVerifier) -> Bool {
        keyID == verifier.keyID
            && verifier.isValid(signature: signature, for: SignedHead.statement(seq: seq, hash: hash))
    }
}
