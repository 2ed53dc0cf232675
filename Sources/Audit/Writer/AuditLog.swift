public import Foundation
import GRDB
public import StrictJSON

/// The tamper-evident record: an append-only, hash-chained log in a SQLite file.
///
/// `record` never waits for the disk: it queues the entry and returns. A writer thread commits the queue in
/// batches (at most `batchWindow` after a record was queued). When the queue is full, because the disk does
/// not keep up, `record` suspends until there is room (back-pressure), which `stats` reports; nothing is
/// dropped. If the database fails, every later `record` throws (fail closed).
///
/// ```swift
/// let log = try AuditLog.open(path: "flowgate-audit.sqlite", options: AuditOptions(), now: now)
/// try await log.record(.decision(time: now, drone: "D7", ..., payload: PayloadDigest(of: bytes)))
/// try await log.close(now: now)
/// ```
public final class AuditLog: Sendable {
    /// The file written: the configured one, or its successor when the record found at open was broken.
    public let path: String
    /// What was found wrong at open, when the record goes on in a successor file (`path`).
    public let incident: RecordIncident?
    /// When the previous run ended without a stop (a crash): per drone, the telemetry `seq` through which it had
    /// made everything safe (``noteProgress(_:now:)``); the next `seq` each drone sends shows what was lost.
    /// `nil` after a clean stop.
    public let confirmedBeforeCrash: [String: UInt64]?
    /// Each signed checkpoint as it is committed, for publishing outside the gateway (the gateway puts each on
    /// a retained MQTT topic). Ends when the log closes or fails; empty when not signing. Keeps the newest 1 024
    /// when nobody reads it (the note file, when configured, has them all).
    public let checkpointNotes: AsyncStream<CheckpointNote>
    private let queue: WriteQueue
    private let retentionDays: Int?

    private init(
        path: String, incident: RecordIncident?, confirmedBeforeCrash: [String: UInt64]?,
        checkpointNotes: AsyncStream<CheckpointNote>, queue: WriteQueue, retentionDays: Int?
    ) {
        self.path = path
        self.incident = incident
        self.confirmedBeforeCrash = confirmedBeforeCrash
        self.checkpointNotes = checkpointNotes
        self.queue = queue
        self.retentionDays = retentionDays
    }

    /// Opens the log at `path`, creating it or continuing its chain, after checking it (``OpeningCheck``):
    /// a broken record is never extended. It is left as found, and the log goes on in a successor file next to
    /// it (``SuccessorFiles``), whose first record is an `incident` saying what was found (``incident``).
    /// When the previous run ended without a `stop` record (a crash or a kill), a `gap` record says so; then a
    /// `start` record with `options.runInfo`.
    /// - Throws: ``AuditError`` when the file cannot be opened, is not an audit log, or cannot be written.
    public static func open(path: String, options: AuditOptions = AuditOptions(), now: Date = Date()) throws
        -> AuditLog
    {
        let files = SuccessorFiles(configured: path)
        let current = files.current
        var target = current.path
        var incident: RecordIncident?
        do {
            if let found = try OpeningCheck(options: options).problem(inRecordAt: current.path) {
                target = files.path(number: current.number + 1)
                incident = found.incident(in: current.path, successor: target)
            }
            let database = try AuditDatabase.open(
                path: target, readOnly: false, durableCommits: options.durableCommits)
            let tail = try database.read { db in try AuditDatabase.tail(db, count: 2) }
            var appender = ChainAppender(after: tail.last, path: target, options: options)
            var opening: [AuditEntry] = []
            var confirmedBeforeCrash: [String: UInt64]?
            if let incident {
                opening.append(incident.entry(time: now))
            } else if !RunBoundary.endsCleanly(tail) {
                let (previousStart, confirmed) = try database.read { db in
                    (try AuditDatabase.last(.start, in: db), try ConfirmedProgress.read(db))
                }
                if let gap = RunBoundary.gap(after: tail, previousStart: previousStart, confirmed: confirmed, now: now)
                {
                    opening.append(gap)
                    confirmedBeforeCrash = confirmed
                }
            }
            opening.append(AuditEntry(time: now, kind: .start, fields: options.runInfo))
            let records = appender.append(opening)
            let lastSeq = appender.lastSeq
            let head = appender.signedHead
            try database.write { db in
                try AuditDatabase.insert(records, into: db)
                try AuditDatabase.setHead(lastSeq: lastSeq, signed: head, in: db)
            }
            let (notes, continuation) = AsyncStream.makeStream(
                of: CheckpointNote.self, bufferingPolicy: .bufferingNewest(1_024))
            let publisher = options.signer.map {
                CheckpointPublisher(
                    recordFile: target, signer: $0, noteFile: options.checkpointNoteFile, continuation: continuation)
            }
            if publisher == nil { continuation.finish() }
            try publisher?.publish(appender.takeCheckpoints())
            let queue = WriteQueue(path: target, options: options)
            let writer = AuditWriter(
                database: database, path: target, appender: appender, queue: queue, publisher: publisher)
            let thread = Thread {
                var writer = writer
                writer.run()
            }
            thread.name = "flowgate-audit-writer"
            thread.start()
            return AuditLog(
                path: target, incident: incident, confirmedBeforeCrash: confirmedBeforeCrash,
                checkpointNotes: notes, queue: queue,
                retentionDays: options.retentionDays)
        } catch let error as AuditError {
            throw error
        } catch {
            throw AuditError.storage(path: target, problem: "\(error)")
        }
    }

    /// Queues `entry`; suspends only while the queue is full. The body is encoded and hashed here, on the
    /// caller's thread, so that this work does not queue up on the writer's; and on the caller's executor
    /// (`nonisolated(nonsending)`), so that a record costs no hop to another thread and back.
    /// - Throws: ``AuditError`` once the log is closed or its writer has failed.
    public nonisolated(nonsending) func record(_ entry: AuditEntry) async throws {
        let prepared = PreparedEntry(entry)
        if try queue.offer(prepared) { return }
        try await withCheckedThrowingContinuation { queue.wait(prepared, $0) }
    }

    /// Returns once everything recorded before the call is committed.
    public func flush() async throws {
        try await withCheckedThrowingContinuation { continuation in
            do throws(AuditError) {
                try queue.send(.flush(continuation))
            } catch {
                continuation.resume(throwing: error)
            }
        }
    }

    /// Removes the bodies of `kinds` records older than `olderThan` (rows and hashes stay, so the chain still
    /// verifies) and appends a `purge` record. Returns how many bodies were removed.
    @discardableResult
    public func purge(olderThan: Date, kinds: Set<AuditKind> = AuditKind.retained, now: Date = Date()) async throws
        -> Int
    {
        let request = PurgeRequest(olderThan: olderThan, kinds: kinds, time: now)
        return try await withCheckedThrowingContinuation { continuation in
            do throws(AuditError) {
                try queue.send(.purge(request, continuation))
            } catch {
                continuation.resume(throwing: error)
            }
        }
    }

    /// Applies `retentionDays` (when set) at `now`; call it at start and then, say, hourly.
    @discardableResult
    public func applyRetention(now: Date = Date()) async throws -> Int {
        guard let retentionDays else { return 0 }
        return try await purge(olderThan: now.addingTimeInterval(-Double(retentionDays) * 86_400), now: now)
    }

    /// Runs `action` once everything recorded before the call is committed (at once when it is), on the writer's
    /// thread; never if the log fails first. Keep it short.
    public func whenCommitted(_ action: @escaping @Sendable () -> Void) {
        queue.whenCommitted(action)
    }

    /// Notes, per drone, the telemetry `seq` through which every message taken in is safe, beside the chain
    /// (``ConfirmedProgress``): after a crash, the next start copies it into its `gap` record, and the gaps to
    /// each drone's next `seq` show what the crash lost.
    public func noteProgress(_ confirmed: [String: UInt64], now: Date) throws(AuditError) {
        guard !confirmed.isEmpty else { return }
        try queue.send(.progress(confirmed, now))
    }

    /// Commits everything queued, appends the `stop` record (and a final signed checkpoint), and closes the file.
    public func close(now: Date = Date(), fields: JSONObject = [:]) async throws {
        let stop = AuditEntry(time: now, kind: .stop, fields: fields)
        try await withCheckedThrowingContinuation { continuation in
            do throws(AuditError) {
                try queue.send(.close(stop, continuation), closes: true)
            } catch {
                continuation.resume(throwing: error)
            }
        }
    }

    /// Counters for metrics: accepted, committed, back-pressure waits, failure.
    public var stats: AuditStats { queue.snapshot }
}
