import Foundation
import GRDB
import StrictJSON

@testable import Audit

/// What an insider with write access to the file, but without the key, can do: rewrite the chain so that it is
/// consistent again, with plain SQL and the published hashing rules.
enum ChainForgery {
    /// Removes the records `removed` and renumbers and rehashes every record after the first of them, so the chain
    /// links again; lowers the counter to the new last seq. `audit_meta.signed_head` is left as it is.
    static func erase(_ removed: Set<Int64>, in path: String) throws {
        guard let first = removed.min() else { return }
        try rewrite(from: first, in: path) { records in records.filter { !removed.contains($0.seq) } }
    }

    /// Replaces the body of record `seq` with `change(body)`, with a consistent `body_hash`, and rehashes the
    /// chain from there: the same records, one of them different.
    static func replaceBody(of seq: Int64, in path: String, _ change: (String) -> String) throws {
        try rewrite(from: seq, in: path) { records in
            records.map { record in
                guard record.seq == seq, let body = record.body else { return record }
                var changed = record
                changed.body = change(body)
                changed.bodyHash = RecordHasher.bodyHash(change(body))
                return changed
            }
        }
    }

    /// Hands the records from `first` on to `change`, then writes what it returns back, renumbered from `first`
    /// and rehashed, and sets the counter to the new last seq. With `coveringCheckpoints`, each checkpoint
    /// record is made to name the record before it again (its signature, which needs the key, stays as it was):
    /// a chain that is consistent throughout, for anyone who does not check signatures.
    static func rewrite(
        from first: Int64, in path: String, coveringCheckpoints: Bool = false,
        _ change: ([AuditRecord]) -> [AuditRecord]
    ) throws {
        let records = try AuditReader(path: path).records()
        var previous = records.last { $0.seq < first }
        var rewritten: [AuditRecord] = []
        for var record in change(records.filter { $0.seq >= first }) {
            if coveringCheckpoints, record.kindValue == .checkpoint {
                var fields = record.fields
                fields["covers_seq"] = .number(Int(previous?.seq ?? 0))
                fields["covers_hash"] = .string(Hex.encode(previous?.hash ?? RecordHasher.genesis))
                record.body = CanonicalJSON.text(fields)
                record.bodyHash = RecordHasher.bodyHash(CanonicalJSON.text(fields))
            }
            record.seq = (previous?.seq ?? 0) + 1
            record.prevHash = previous?.hash ?? RecordHasher.genesis
            record.hash = RecordHasher.hash(previous: record.prevHash, header: record.header)
            rewritten.append(record)
            previous = record
        }
        try RawSQL.execute(path, "DELETE FROM audit_record WHERE seq >= ?", [first])
        for record in rewritten {
            try RawSQL.execute(
                path,
                "INSERT INTO audit_record (seq, time, kind, drone, mission, stream, digest, body, body_hash, "
                    + "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    record.seq, record.time, record.kind, record.drone, record.mission, record.stream, record.digest,
                    record.body, record.bodyHash, record.prevHash, record.hash,
                ])
        }
        try setCounter(previous?.seq ?? 0, in: path)
    }

    /// Deletes every record from `seq` on and lowers the counter to match: a cut that looks like a crash.
    static func cut(from seq: Int64, in path: String) throws {
        try RawSQL.execute(path, "DELETE FROM audit_record WHERE seq >= ?", [seq])
        try setCounter(seq - 1, in: path)
    }

    static func setCounter(_ seq: Int64, in path: String) throws {
        try RawSQL.execute(path, "UPDATE audit_meta SET value = ? WHERE key = 'last_seq'", [String(seq)])
    }

    /// The stored signed head, as text; `nil` when there is none.
    static func signedHead(in path: String) throws -> String? {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM audit_meta WHERE key = 'signed_head'")
        }
    }
}
