import Foundation
import GRDB
import StrictJSON

/// Retention's request: remove the bodies of `kinds` records older than `olderThan`, recorded at `time`.
struct PurgeRequest: Sendable {
    var olderThan: Date
    var kinds: Set<AuditKind>
    var time: Date
}

/// The writer thread's loop: takes batches from the queue and commits each in one transaction.
struct AuditWriter: Sendable {
    let database: DatabaseQueue
    let path: String
    var appender: ChainAppender
    let queue: WriteQueue
    /// Set when signing: publishes each checkpoint once it is committed.
    let publisher: CheckpointPublisher?

    mutating func run() {
        while true {
            let work = queue.take()
            var remaining = work.controls[...]
            var uncommitted = work.entries.count
            do {
                if !work.entries.isEmpty {
                    try commit(work.entries)
                    uncommitted = 0
                    queue.entriesCommitted(work.entries.count)
                    try publishCheckpoints()
                }
                while let control = remaining.first {
                    if try handle(control) { return }
                    remaining = remaining.dropFirst()
                }
            } catch {
                let failure = AuditError.storage(path: path, problem: "\(error)")
                queue.fail(failure, droppedBatch: uncommitted)
                for control in remaining { control.fail(failure) }
                try? database.close()
                publisher?.finish()
                return
            }
        }
    }

    /// Runs one control request; `true` when the log is closed and the thread must end.
    private mutating func handle(_ control: WriteQueue.Control) throws -> Bool {
        switch control {
        case .flush(let continuation):
            continuation.resume()
        case .purge(let request, let continuation):
            continuation.resume(returning: try purge(request))
        case .progress(let confirmed, let time):
            try database.write { db in try ConfirmedProgress.store(confirmed, at: time, in: db) }
        case .close(let stop, let continuation):
            if queue.hasPending {
                queue.requeue(control)
                return false
            }
            try commit([PreparedEntry(stop)], sealing: true)
            try publishCheckpoints()
            try database.close()
            publisher?.finish()
            continuation.resume()
            return true
        }
        return false
    }

    private mutating func commit(_ entries: [PreparedEntry], sealing: Bool = false) throws {
        let records = appender.append(entries, sealing: sealing)
        let lastSeq = appender.lastSeq
        let head = appender.signedHead
        try database.write { db in
            try AuditDatabase.insert(records, into: db)
            try AuditDatabase.setHead(lastSeq: lastSeq, signed: head, in: db)
        }
        queue.committed(records.count)
    }

    /// Publishes the checkpoints of what was just committed (the note file, the stream).
    private mutating func publishCheckpoints() throws(AuditError) {
        try publisher?.publish(appender.takeCheckpoints())
    }

    /// Removes the bodies, keeps every row and its hashes (so the chain still verifies), and records the purge in
    /// the same transaction. `secure_delete` overwrites the freed space; the WAL checkpoint drops old page copies.
    private mutating func purge(_ request: PurgeRequest) throws -> Int {
        let kinds = request.kinds.map(\.rawValue).sorted()
        let cutoff = RecordTime.text(request.olderThan)
        var pruned = 0
        try database.write { db in
            let marks = Array(repeating: "?", count: kinds.count).joined(separator: ", ")
            try db.execute(
                sql: """
                    UPDATE \(AuditDatabase.table) SET body = NULL
                    WHERE body IS NOT NULL AND time < ? AND kind IN (\(marks))
                    """,
                arguments: StatementArguments([cutoff] + kinds))
            pruned = db.changesCount
            let fields: JSONObject = [
                "older_than": .string(cutoff), "kinds": .array(kinds.map(JSONValue.string)),
                "pruned": .number(pruned), "through_seq": .number(Int(appender.lastSeq)),
            ]
            let records = appender.append([AuditEntry(time: request.time, kind: .purge, fields: fields)])
            try AuditDatabase.insert(records, into: db)
            try AuditDatabase.setHead(lastSeq: appender.lastSeq, signed: appender.signedHead, in: db)
            queue.committed(records.count)
        }
        try publishCheckpoints()
        try database.writeWithoutTransaction { db in
            _ = try Row.fetchAll(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
        return pruned
    }
}
