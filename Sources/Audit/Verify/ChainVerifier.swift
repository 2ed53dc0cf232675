import Foundation
import GRDB
import StrictJSON

/// Checks a log file's chain, signatures and end (see Docs/RECORD.md, "Verification").
public enum ChainVerifier {
    public struct Options: Sendable {
        /// Checks every checkpoint's signature and the signed head with this key, and that a closed log is sealed.
        public var publicKey: CheckpointVerifier?
        /// Accepts a log that does not end with `stop` (a running gateway, or one that crashed and was not
        /// restarted); its records are still checked up to the last committed one.
        public var allowOpenTail = false
        /// Checkpoints published outside the record (the note file an oversight body keeps): every one of this
        /// record's must be in it, signed (with `publicKey`, the notes' signatures are checked too).
        public var publishedCheckpoints: CheckpointNoteFile?

        public init(
            publicKey: CheckpointVerifier? = nil, allowOpenTail: Bool = false,
            publishedCheckpoints: CheckpointNoteFile? = nil
        ) {
            self.publicKey = publicKey
            self.allowOpenTail = allowOpenTail
            self.publishedCheckpoints = publishedCheckpoints
        }
    }

    /// Verifies the log at `path`, read-only.
    /// - Throws: ``AuditError`` when the file cannot be read as an audit log (not for damage: that is the report).
    public static func verify(path: String, options: Options = Options()) throws -> VerifyReport {
        guard FileManager.default.fileExists(atPath: path) else {
            throw AuditError.notAnAuditLog(path: path, problem: "no such file")
        }
        do {
            let database = try AuditDatabase.open(path: path, readOnly: true)
            defer { try? database.close() }
            return try database.read { db in try verify(db, options: options) }
        } catch let error as AuditError {
            throw error
        } catch {
            throw AuditError.notAnAuditLog(path: path, problem: "\(error)")
        }
    }

    /// The chain first (the first bad record); then what was published outside the file, the end of the log,
    /// and with a key the signed head.
    private static func verify(_ db: Database, options: Options) throws -> VerifyReport {
        let (walk, problem) = try walk(db, from: nil, verifier: options.publicKey)
        var report = walk.report
        if let problem {
            report.problem = problem
            return report
        }
        report.endsCleanly = RunBoundary.endsCleanly(walk.lastTail)
        if let notes = options.publishedCheckpoints {
            let check = try PublishedCheckpointCheck(
                notes: notes, verifier: options.publicKey, ignoringForeignSignatures: false
            ).run(db, lastSeq: walk.lastSeq)
            report.publishedCheckpoints = check.found
            if let problem = check.problem {
                report.problem = problem
                return report
            }
        }
        report.problem = tailProblem(
            walk: walk, report: report, counter: try AuditDatabase.lastSeqCounter(db) ?? 0, options: options)
        if report.problem == nil, let key = options.publicKey {
            let head = try AuditDatabase.signedHead(db)
            report.problem = headProblem(head, walk: walk, verifier: key)
            if report.problem == nil { report.signedHeadSeq = head?.seq }
        }
        return report
    }

    /// Walks the records from `start` (from the first when `nil`) to the end, and returns the walk and its first
    /// problem. A first pass keeps nothing but the walk; only when it finds damage is the walk repeated with an
    /// index of every hash from `start` on, which tells deleted, inserted and reordered records apart.
    static func walk(_ db: Database, from start: AuditRecord?, verifier: CheckpointVerifier?) throws
        -> (ChainWalk, ChainProblem?)
    {
        let purges = try Row.fetchAll(
            db, sql: "SELECT \(AuditDatabase.columns) FROM \(AuditDatabase.table) WHERE kind = 'purge'"
        ).map(AuditDatabase.record).compactMap(purgeMark)
        let first = start?.seq ?? 1
        let after = start.map { ($0.seq - 1, $0.prevHash) } ?? (0, RecordHasher.genesis)
        var result = try walk(
            db, from: first, walk: ChainWalk(hashIndex: [:], purges: purges, verifier: verifier, after: after))
        if result.1 != nil {
            var hashIndex: [Data: Int64] = [:]
            let hashes = try Row.fetchCursor(
                db, sql: "SELECT seq, hash FROM \(AuditDatabase.table) WHERE seq >= ?", arguments: [first - 1])
            while let row = try hashes.next() {
                let hash: Data = row["hash"] ?? Data()
                if hashIndex[hash] == nil { hashIndex[hash] = row["seq"] }
            }
            result = try walk(
                db, from: first,
                walk: ChainWalk(hashIndex: hashIndex, purges: purges, verifier: verifier, after: after))
        }
        return result
    }

    private static func walk(_ db: Database, from first: Int64, walk: ChainWalk) throws -> (ChainWalk, ChainProblem?) {
        var walk = walk
        let rows = try Row.fetchCursor(
            db, sql: "SELECT \(AuditDatabase.columns) FROM \(AuditDatabase.table) WHERE seq >= ? ORDER BY seq",
            arguments: [first])
        var current = try rows.next().map(AuditDatabase.record)
        while let record = current {
            let next = try rows.next().map(AuditDatabase.record)
            if let problem = walk.check(record, next: next) { return (walk, problem) }
            current = next
        }
        return (walk, nil)
    }

    private static func purgeMark(_ record: AuditRecord) -> PurgeMark? {
        let fields = record.fields
        guard let olderThan = fields["older_than"]?.stringValue, let kinds = fields["kinds"]?.arrayValue else {
            return nil
        }
        return PurgeMark(seq: record.seq, olderThan: olderThan, kinds: Set(kinds.compactMap(\.stringValue)))
    }
}
