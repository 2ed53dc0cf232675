import Foundation
import GRDB
import StrictJSON

/// Checks a log file's chain, signatures and end (see Docs/RECORD.md, "Verification").
public enum ChainVerifier {
    public struct Options: Sendable {
        /// Checks every checkpoint's signature with this key, and that a closed log is sealed by one.
        public var publicKey: CheckpointVerifier?
        /// Accepts a log that does not end with `stop` (a running gateway, or one that crashed and was not
        /// restarted); its records are still checked up to the last committed one.
        public var allowOpenTail = false

        public init(publicKey: CheckpointVerifier? = nil, allowOpenTail: Bool = false) {
            self.publicKey = publicKey
            self.allowOpenTail = allowOpenTail
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

    private static func verify(_ db: Database, options: Options) throws -> VerifyReport {
        let table = AuditDatabase.table
        var hashIndex: [Data: Int64] = [:]
        let hashes = try Row.fetchCursor(db, sql: "SELECT seq, hash FROM \(table)")
        while let row = try hashes.next() {
            let hash: Data = row["hash"] ?? Data()
            if hashIndex[hash] == nil { hashIndex[hash] = row["seq"] }
        }
        let purges = try Row.fetchAll(db, sql: "SELECT \(AuditDatabase.columns) FROM \(table) WHERE kind = 'purge'")
            .map(AuditDatabase.record).compactMap(purgeMark)
        var walk = ChainWalk(hashIndex: hashIndex, purges: purges, verifier: options.publicKey)
        let rows = try Row.fetchCursor(db, sql: "SELECT \(AuditDatabase.columns) FROM \(table) ORDER BY seq")
        var current = try rows.next().map(AuditDatabase.record)
        while let record = current {
            let next = try rows.next().map(AuditDatabase.record)
            if let problem = walk.check(record, next: next) {
                var report = walk.report
                report.problem = problem
                return report
            }
            current = next
        }
        var report = walk.report
        report.endsCleanly = RunBoundary.endsCleanly(walk.lastTail)
        report.problem = tailProblem(
            walk: walk, report: report, counter: try AuditDatabase.lastSeqCounter(db) ?? 0, options: options)
        return report
    }

    private static func tailProblem(walk: ChainWalk, report: VerifyReport, counter: Int64, options: Options)
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

    private static func purgeMark(_ record: AuditRecord) -> PurgeMark? {
        let fields = record.fields
        guard let olderThan = fields["older_than"]?.stringValue, let kinds = fields["kinds"]?.arrayValue else {
            return nil
        }
        return PurgeMark(seq: record.seq, olderThan: olderThan, kinds: Set(kinds.compactMap(\.stringValue)))
    }
}
