import Foundation

/// The end of the log: the counter of records ever written, the final `stop` and its seal, the signed head.
extension ChainVerifier {
    static func tailProblem(walk: ChainWalk, report: VerifyReport, counter: Int64, options: Options)
        -> ChainProblem?
    {
        let next = walk.lastSeq + 1
        if counter > walk.lastSeq {
            return ChainProblem(
                seq: next, kind: .truncatedTail,
                detail: "seq \(next)-\(counter) were written (the log's counter says so) but are not in the file")
        }
        guard let last = walk.lastTail.last else { return nil }
        if !report.endsCleanly && !options.allowOpenTail {
            return ChainProblem(
                seq: next, kind: .truncatedTail,
                detail: "the log ends at seq \(last.seq) (\(last.kind)) without a stop record: records after it "
                    + "were cut, or the run is still going or crashed (--allow-open accepts an open log)")
        }
        if options.publicKey != nil {
            if report.checkpoints == 0 {
                return ChainProblem(
                    seq: last.seq, kind: .badSignature,
                    detail: "no signed checkpoint in the log to check the key against")
            }
            if report.endsCleanly && last.kindValue != .checkpoint {
                return ChainProblem(
                    seq: next, kind: .truncatedTail,
                    detail: "the final stop is not sealed by a signed checkpoint: the signed tail was cut")
            }
        }
        return nil
    }

    /// Whether the signed head (``SignedHead``) names the log's last record, signed with `verifier`'s key: the
    /// records after the last checkpoint are then as the key holder wrote them.
    static func headProblem(_ head: SignedHead?, walk: ChainWalk, verifier: CheckpointVerifier) -> ChainProblem? {
        guard let last = walk.lastTail.last else { return nil }
        let signed = walk.lastCheckpoint.map { "seq \($0.seq)" } ?? "none"
        guard let head else {
            return ChainProblem(
                seq: last.seq, kind: .badSignature,
                detail: "the file has no signed head (audit_meta.signed_head), so the records after the last signed "
                    + "checkpoint (\(signed)) cannot be told from a rewritten tail")
        }
        guard head.isValid(for: verifier) else {
            return ChainProblem(
                seq: min(head.seq, last.seq), kind: .badSignature,
                detail: "the signed head (seq \(head.seq), key \(head.keyID)) does not verify with the given public key"
            )
        }
        if head.seq > last.seq {
            return ChainProblem(
                seq: last.seq + 1, kind: .truncatedTail,
                detail: "the signed head names seq \(head.seq), but the file ends at seq \(last.seq): "
                    + "seq \(last.seq + 1)-\(head.seq) were cut")
        }
        if head.seq < last.seq {
            return ChainProblem(
                seq: head.seq + 1, kind: .badSignature,
                detail:
                    "seq \(head.seq + 1)-\(last.seq) are not covered by the signed head (it names seq \(head.seq)): "
                    + "they were written without the key")
        }
        guard head.hash == last.hash else {
            return ChainProblem(
                seq: head.seq, kind: .modified,
                detail:
                    "the signed head names another hash for seq \(head.seq) than the file's: records after the last "
                    + "signed checkpoint (\(signed)) were changed and the chain recomputed")
        }
        return nil
    }
}
