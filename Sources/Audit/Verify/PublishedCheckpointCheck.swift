import Foundation
import GRDB
import StrictJSON

/// Holds a record to the checkpoints it published outside itself (``CheckpointNoteFile``): each one of this
/// record's origin must name a record in the file, with that hash, followed by the checkpoint record that signs
/// it. A record cut back to before a published checkpoint, or rewritten after it, fails here, however
/// consistent the chain that is left.
struct PublishedCheckpointCheck {
    let notes: CheckpointNoteFile
    /// With a key, each note of this record must carry a valid signature of it.
    let verifier: CheckpointVerifier?
    /// At the gateway's open: a note without a valid signature of its key is ignored (it is no evidence of
    /// anything), rather than reported.
    let ignoringForeignSignatures: Bool
    /// An origin the record's checkpoints are published under besides those its checkpoint records name: at
    /// open, the one the gateway uses for the file, so that a file put back from before its first checkpoint
    /// is held to the checkpoints published since.
    var expectedOrigin: String?

    struct Outcome {
        /// The notes of this record found in it.
        var found = 0
        var problem: ChainProblem?
    }

    /// Checks the notes against the records in `db`, whose last seq is `lastSeq`.
    func run(_ db: Database, lastSeq: Int64) throws -> Outcome {
        var origins = try Set(
            Row.fetchAll(
                db, sql: "SELECT \(AuditDatabase.columns) FROM \(AuditDatabase.table) WHERE kind = 'checkpoint'"
            )
            .map(AuditDatabase.record).compactMap { $0.fields["origin"]?.stringValue })
        if let expectedOrigin { origins.insert(expectedOrigin) }
        var ours = notes.entries.filter { origins.contains($0.note.origin) }
        if let verifier, ignoringForeignSignatures { ours = ours.filter { $0.note.isSigned(by: verifier) } }
        var outcome = Outcome()
        guard !ours.isEmpty else {
            if ignoringForeignSignatures || notes.entries.isEmpty { return outcome }
            outcome.problem = noneOfOurs(origins: origins)
            return outcome
        }
        let ordered = ours.sorted { $0.note.treeSize < $1.note.treeSize }
        for (index, entry) in ordered.enumerated() {
            if let problem = try problem(entry, db: db, lastSeq: lastSeq) {
                let later = ordered.count - index - 1
                outcome.problem = later == 0 ? problem : problem.adding(" (and \(later) later published checkpoints)")
                return outcome
            }
            outcome.found += 1
        }
        return outcome
    }

    private func problem(_ entry: CheckpointNoteFile.Entry, db: Database, lastSeq: Int64) throws -> ChainProblem? {
        let note = entry.note
        let size = note.treeSize
        let source = "\(notes.path) line \(entry.line)"
        let published = "the checkpoint published for seq \(size) (\(source))"
        if let verifier, !note.isSigned(by: verifier) {
            return ChainProblem(
                seq: size, kind: .badSignature, detail: "\(published) is not signed by the given public key")
        }
        guard let covered = try record(db, seq: size) else {
            return ChainProblem(
                seq: lastSeq + 1, kind: .truncatedTail,
                detail: "\(published) is not in the record, which ends at seq \(lastSeq): the records after it were cut"
            )
        }
        guard covered.hash == note.rootHash else {
            return ChainProblem(
                seq: size, kind: .modified,
                detail:
                    "seq \(size) has another hash than \(published): the record was rewritten after it was published")
        }
        guard let checkpoint = try record(db, seq: size + 1) else {
            return ChainProblem(
                seq: size + 1, kind: .truncatedTail,
                detail: "the checkpoint record after seq \(size), published in \(source), was cut from the record")
        }
        guard checkpoint.kindValue == .checkpoint, checkpoint.fields["covers_seq"]?.doubleValue == Double(size) else {
            return ChainProblem(
                seq: size + 1, kind: .deleted,
                detail: "seq \(size + 1) is not the checkpoint record published in \(source)")
        }
        return nil
    }

    private func noneOfOurs(origins: Set<String>) -> ChainProblem {
        let theirs = Set(notes.entries.map(\.note.origin)).sorted().joined(separator: ", ")
        guard !origins.isEmpty else {
            return ChainProblem(
                seq: 1, kind: .deleted,
                detail: "no checkpoint in the record names where it was published, but \(notes.path) holds "
                    + "\(notes.entries.count) published checkpoints (of \(theirs)): the record's checkpoints were "
                    + "removed, or the file is not this record's")
        }
        return ChainProblem(
            seq: 1, kind: .deleted,
            detail: "\(notes.path) holds no checkpoint of this record (\(origins.sorted().joined(separator: ", "))), "
                + "only of \(theirs)")
    }

    private func record(_ db: Database, seq: Int64) throws -> AuditRecord? {
        try Row.fetchOne(
            db, sql: "SELECT \(AuditDatabase.columns) FROM \(AuditDatabase.table) WHERE seq = ?", arguments: [seq]
        ).map(AuditDatabase.record)
    }
}

extension ChainProblem {
    func adding(_ text: String) -> ChainProblem {
        ChainProblem(seq: seq, kind: kind, detail: detail + text)
    }
}
