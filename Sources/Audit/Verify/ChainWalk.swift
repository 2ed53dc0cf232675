import Foundation
import StrictJSON

/// Walks the records in `seq` order and names the first one that breaks the chain.
///
/// A record is good when its body matches `body_hash`, its header and `prev_hash` hash to `hash`, it follows
/// the previous record's `seq` by one and links to its hash. When one is not, the kind of damage is told from
/// where its `prev_hash` points (`hashIndex`: every stored hash and its row) and from the record after it.
struct ChainWalk {
    let hashIndex: [Data: Int64]
    let purges: [PurgeMark]
    let verifier: CheckpointVerifier?
    private(set) var report = VerifyReport()
    private(set) var lastHash: Data
    private(set) var lastSeq: Int64
    private(set) var lastTail: [AuditRecord] = []
    /// The last checkpoint accepted (its signature checked when there is a verifier).
    private(set) var lastCheckpoint: AuditRecord?

    /// - Parameter start: the seq and hash of the record before the first one walked: none (seq 0 and the
    ///   genesis hash) for a walk from the beginning.
    init(
        hashIndex: [Data: Int64], purges: [PurgeMark], verifier: CheckpointVerifier?,
        after start: (seq: Int64, hash: Data) = (0, RecordHasher.genesis)
    ) {
        self.hashIndex = hashIndex
        self.purges = purges
        self.verifier = verifier
        lastSeq = start.seq
        lastHash = start.hash
    }

    /// Checks `record`; `next` is the record after it, if any. Returns the first problem.
    mutating func check(_ record: AuditRecord, next: AuditRecord?) -> ChainProblem? {
        let linked = record.prevHash == lastHash && record.seq == lastSeq + 1
        if linked, record.kindValue == .checkpoint, let problem = checkpointProblem(record) { return problem }
        let bodyProblem = bodyProblem(record)
        let selfConsistent = RecordHasher.hash(previous: record.prevHash, header: record.header) == record.hash
        if bodyProblem == nil, selfConsistent, linked {
            accept(record)
            return nil
        }
        if !selfConsistent || bodyProblem != nil {
            return damaged(record, next: next, bodyProblem: bodyProblem)
        }
        return misplaced(record)
    }

    // MARK: - Classifying damage

    /// The record's own content does not match its hash.
    private func damaged(_ record: AuditRecord, next: AuditRecord?, bodyProblem: String?) -> ChainProblem {
        if let target = hashIndex[record.prevHash], target > record.seq {
            return ChainProblem(
                seq: record.seq, kind: .reordered,
                detail: "this record chains to seq \(target), which comes after it: records were swapped")
        }
        if let next, next.prevHash == lastHash {
            return ChainProblem(
                seq: record.seq, kind: .inserted,
                detail: "seq \(next.seq) chains to seq \(lastSeq), past this record: it is not part of the chain")
        }
        if let target = hashIndex[record.prevHash], target < lastSeq {
            return ChainProblem(
                seq: target + 1, kind: .inserted,
                detail: "seq \(record.seq) was written after seq \(target): the records between were inserted")
        }
        if let target = hashIndex[record.prevHash], target != record.seq - 1 {
            var moved = record
            moved.seq = target + 1
            if RecordHasher.hash(previous: record.prevHash, header: moved.header) == record.hash {
                return ChainProblem(
                    seq: record.seq, kind: .reordered, detail: "this record was written as seq \(target + 1)")
            }
        }
        return ChainProblem(
            seq: record.seq, kind: .modified,
            detail: bodyProblem ?? "its content no longer matches its hash (a stored field was changed)")
    }

    /// The record is consistent in itself but does not follow the previous one.
    private func misplaced(_ record: AuditRecord) -> ChainProblem {
        if let target = hashIndex[record.prevHash] {
            if target > record.seq {
                return ChainProblem(
                    seq: record.seq, kind: .reordered,
                    detail: "this record chains to seq \(target), which comes after it: records were swapped")
            }
            return ChainProblem(
                seq: target + 1, kind: .inserted,
                detail: "seq \(record.seq) chains to seq \(target): the records between were inserted")
        }
        if record.seq > lastSeq + 1 {
            let range =
                record.seq - 1 == lastSeq + 1 ? "seq \(lastSeq + 1) is" : "seq \(lastSeq + 1)-\(record.seq - 1) are"
            return ChainProblem(
                seq: lastSeq + 1, kind: .deleted,
                detail: "\(range) missing: seq \(record.seq) chains to a record not in the log")
        }
        if lastSeq == 0 {
            return ChainProblem(
                seq: record.seq, kind: .modified,
                detail:
                    "the first record does not chain from the start (earlier records were removed or it was rewritten)")
        }
        return ChainProblem(
            seq: lastSeq, kind: .modified,
            detail: "it was rewritten with a recomputed hash: seq \(record.seq) chained to a different one")
    }

    // MARK: - Checks

    private func bodyProblem(_ record: AuditRecord) -> String? {
        guard let body = record.body else {
            guard let kind = record.kindValue, AuditKind.retained.contains(kind) else {
                return "its body was removed, and retention never removes the body of a \(record.kind) record"
            }
            let covered = purges.contains { $0.seq > record.seq && $0.covers(kind: kind, time: record.time) }
            return covered ? nil : "its body was removed without a purge record that covers it"
        }
        return RecordHasher.bodyHash(body) == record.bodyHash ? nil : "its body does not match its body_hash"
    }

    private func checkpointProblem(_ record: AuditRecord) -> ChainProblem? {
        let fields = record.fields
        func bad(_ detail: String) -> ChainProblem {
            ChainProblem(seq: record.seq, kind: .badSignature, detail: detail)
        }
        guard fields["covers_seq"]?.doubleValue == Double(lastSeq),
            fields["covers_hash"]?.stringValue == Hex.encode(lastHash)
        else { return bad("the checkpoint does not sign the record before it (seq \(lastSeq))") }
        guard let verifier else { return nil }
        let keyID = fields["key_id"]?.stringValue ?? "(none)"
        guard keyID == verifier.keyID else {
            return bad("signed with key \(keyID), not with the given public key \(verifier.keyID)")
        }
        guard let text = fields["signature"]?.stringValue, let signature = Data(base64Encoded: text),
            verifier.isValid(signature: signature, seq: lastSeq, hash: lastHash)
        else { return bad("the signature does not verify with the given public key") }
        return nil
    }

    private mutating func accept(_ record: AuditRecord) {
        report.records += 1
        report.firstSeq = report.firstSeq ?? record.seq
        report.firstTime = report.firstTime ?? record.time
        report.lastSeq = record.seq
        report.lastTime = record.time
        switch record.kindValue {
        case .start: report.runs += 1
        case .gap: report.gaps += 1
        case .checkpoint:
            report.checkpoints += 1
            lastCheckpoint = record
            if verifier != nil {
                report.verifiedSignatures += 1
                report.lastSignedSeq = record.seq - 1
            }
        default: break
        }
        if record.isPruned { report.prunedBodies += 1 }
        lastHash = record.hash
        lastSeq = record.seq
        lastTail = Array((lastTail + [record]).suffix(2))
    }
}

/// A purge record's reach: bodies of `kinds` older than `olderThan`, removed before `seq`.
struct PurgeMark {
    var seq: Int64
    var olderThan: String
    var kinds: Set<String>

    func covers(kind: AuditKind, time: String) -> Bool { kinds.contains(kind.rawValue) && time < olderThan }
}
