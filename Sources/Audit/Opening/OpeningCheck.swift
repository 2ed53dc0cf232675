import Foundation
import GRDB
import StrictJSON

/// What ``AuditLog/open(path:options:now:)`` checks before it appends anything to an existing record, so that
/// it never extends a broken one: the next signed checkpoint would otherwise sign whatever it found, and a
/// record cut or rewritten while the gateway was down would verify as intact (Docs/RECORD.md, "Opening a
/// record").
///
/// - The chain, from the last checkpoint signed with the gateway's own key (what that checkpoint signs was
///   checked when it was made, and changing it breaks its signature), or from the beginning when unsigned.
/// - The counter of records ever written: rows cut from the end leave it beyond the last one.
/// - When signing: the signed head (``SignedHead``) names the last record. A tail that was rewritten with a
///   recomputed chain, or cut, no longer matches the signature.
/// - When checkpoints are published to a note file: the latest of this file's is in it. This catches a file
///   rolled back to an earlier state, head and all, or deleted and started afresh.
///
/// A run that crashed is not broken: its chain verifies up to its last commit, and `open` records the gap.
struct OpeningCheck {
    let options: AuditOptions

    /// The break in the record at `path`; `nil` when it may be continued (or does not exist).
    /// - Throws: ``AuditError`` when the file is not an audit log or the note file cannot be read.
    func problem(inRecordAt path: String) throws -> RecordBreak? {
        let notes = try publishedNotes()
        guard FileManager.default.fileExists(atPath: path) else { return missing(path, notes: notes) }
        do {
            let database = try AuditDatabase.open(path: path, readOnly: true)
            defer { try? database.close() }
            return try database.read { db in try problem(db, path: path, notes: notes) }
        } catch let error as DatabaseError where [.SQLITE_NOTADB, .SQLITE_CORRUPT].contains(error.resultCode) {
            return unreadable("\(error)")
        } catch AuditError.notAnAuditLog(_, let problem) {
            return unreadable(problem)
        }
    }

    /// A file that is there but is no audit log (any more): overwritten, truncated, or not one to begin with.
    private func unreadable(_ problem: String) -> RecordBreak {
        RecordBreak(
            lastGoodSeq: 0, lastGoodHash: RecordHasher.genesis,
            problem: ChainProblem(
                seq: 1, kind: .modified, detail: "the file cannot be read as an audit log: \(problem)"))
    }

    private func problem(_ db: Database, path: String, notes: CheckpointNoteFile?) throws -> RecordBreak? {
        let verifier = options.signer?.verifier
        let (walk, problem) = try ChainVerifier.walk(db, from: try start(db, verifier: verifier), verifier: verifier)
        // The last record the walk accepted (or the one before it started, which a signed checkpoint covers).
        func found(_ problem: ChainProblem) -> RecordBreak {
            RecordBreak(lastGoodSeq: walk.lastSeq, lastGoodHash: walk.lastHash, problem: problem)
        }
        if let problem { return found(problem) }
        let counter = try AuditDatabase.lastSeqCounter(db) ?? 0
        if counter > walk.lastSeq {
            return found(
                ChainProblem(
                    seq: walk.lastSeq + 1, kind: .truncatedTail,
                    detail: "seq \(walk.lastSeq + 1)-\(counter) were written (the log's counter says so) but are not "
                        + "in the file"))
        }
        guard let verifier else { return nil }
        if let problem = ChainVerifier.headProblem(try AuditDatabase.signedHead(db), walk: walk, verifier: verifier) {
            // What follows the last signed checkpoint may have been rewritten: the checkpoint is the last good.
            guard let signed = walk.lastCheckpoint else { return found(problem) }
            return RecordBreak(lastGoodSeq: signed.seq, lastGoodHash: signed.hash, problem: problem)
        }
        guard let notes else { return nil }
        let check = try PublishedCheckpointCheck(
            notes: notes, verifier: verifier, ignoringForeignSignatures: true,
            expectedOrigin: NoteKey.origin(keyID: verifier.keyID, recordFile: path)
        ).run(db, lastSeq: walk.lastSeq)
        return check.problem.map(found)
    }

    /// Where the walk starts: the record the last checkpoint with the gateway's key covers. Without a key, or
    /// when there is no such checkpoint (or its record is gone), from the beginning.
    private func start(_ db: Database, verifier: CheckpointVerifier?) throws -> AuditRecord? {
        guard let verifier else { return nil }
        let checkpoints = try Row.fetchCursor(
            db,
            sql:
                "SELECT \(AuditDatabase.columns) FROM \(AuditDatabase.table) WHERE kind = 'checkpoint' ORDER BY seq DESC"
        )
        while let row = try checkpoints.next() {
            let checkpoint = AuditDatabase.record(row)
            guard checkpoint.fields["key_id"]?.stringValue == verifier.keyID else { continue }
            return try Row.fetchOne(
                db, sql: "SELECT \(AuditDatabase.columns) FROM \(AuditDatabase.table) WHERE seq = ?",
                arguments: [checkpoint.seq - 1]
            ).map(AuditDatabase.record)
        }
        return nil
    }

    /// A file that is not there, although checkpoints of it were published: it was deleted (or moved away).
    private func missing(_ path: String, notes: CheckpointNoteFile?) -> RecordBreak? {
        guard let signer = options.signer, let notes else { return nil }
        let origin = NoteKey.origin(keyID: signer.keyID, recordFile: path)
        let verifier = signer.verifier
        guard
            let latest = notes.entries.filter({ $0.note.origin == origin && $0.note.isSigned(by: verifier) })
                .max(by: { $0.note.treeSize < $1.note.treeSize })
        else { return nil }
        return RecordBreak(
            lastGoodSeq: 0, lastGoodHash: RecordHasher.genesis,
            problem: ChainProblem(
                seq: 1, kind: .deleted,
                detail: "the file is missing, but \(notes.path) (line \(latest.line)) holds a checkpoint of it at seq "
                    + "\(latest.note.treeSize) (hash \(Hex.encode(latest.note.rootHash))): it was deleted or moved"))
    }

    private func publishedNotes() throws(AuditError) -> CheckpointNoteFile? {
        guard options.signer != nil, let path = options.checkpointNoteFile,
            FileManager.default.fileExists(atPath: path)
        else { return nil }
        return try CheckpointNoteFile(path: path)
    }
}
