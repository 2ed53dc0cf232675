import Foundation

/// The hand-over between callers of `record` and the writer thread: a bounded queue of entries plus control
/// requests (flush, purge, close).
///
/// `@unchecked Sendable`: every stored `var` is read and written only while `condition` is locked.
final class WriteQueue: @unchecked Sendable {
    enum Control {
        case flush(CheckedContinuation<Void, any Error>)
        case purge(PurgeRequest, CheckedContinuation<Int, any Error>)
        case close(AuditEntry, CheckedContinuation<Void, any Error>)
        /// Per drone, the `seq` through which everything is safe (``ConfirmedProgress``).
        case progress([String: UInt64], Date)
    }

    /// What the writer takes in one go.
    struct Work {
        var entries: [PreparedEntry]
        var controls: [Control]
    }

    private let condition = NSCondition()
    private let path: String
    private let capacity: Int
    private let window: TimeInterval
    private let earlyCommit: Int
    private let earlyCommitWaiters: Int
    private var entries: [PreparedEntry] = []
    private var firstQueuedAt: Date?
    private var waiters: [(entry: PreparedEntry, continuation: CheckedContinuation<Void, any Error>)] = []
    private var controls: [Control] = []
    private var closing = false
    private var stats = AuditStats()
    /// Entries committed so far, and what to run once a given number are (oldest first; the numbers only grow).
    private var committedEntries = 0
    private var commitActions: [(entries: Int, action: @Sendable () -> Void)] = []

    init(path: String, options: AuditOptions) {
        self.path = path
        capacity = max(1, options.queueCapacity)
        let window = options.batchWindow.components
        self.window = Double(window.seconds) + Double(window.attoseconds) * 1e-18
        earlyCommit = options.earlyCommitThreshold
        earlyCommitWaiters = max(1, options.commitWhenWaiting)
    }

    var snapshot: AuditStats { condition.withLock { stats } }

    // MARK: - Callers

    /// Queues `entry` when there is room; `false` when the caller must wait.
    func offer(_ entry: PreparedEntry) throws(AuditError) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        try checkOpen()
        guard waiters.isEmpty, entries.count < capacity else {
            stats.backpressureWaits += 1
            return false
        }
        enqueue(entry)
        return true
    }

    /// Queues `entry` as soon as there is room, resuming `continuation` then (or with the writer's failure).
    func wait(_ entry: PreparedEntry, _ continuation: CheckedContinuation<Void, any Error>) {
        condition.lock()
        defer { condition.unlock() }
        do throws(AuditError) {
            try checkOpen()
        } catch {
            continuation.resume(throwing: error)
            return
        }
        if waiters.isEmpty, entries.count < capacity {
            enqueue(entry)
            continuation.resume()
        } else {
            waiters.append((entry, continuation))
            stats.isBackpressured = true
        }
    }

    /// Hands a control request to the writer; after `close`, only the close itself is refused.
    func send(_ control: Control, closes: Bool = false) throws(AuditError) {
        condition.lock()
        defer { condition.unlock() }
        try checkOpen()
        if closes { closing = true }
        controls.append(control)
        condition.signal()
    }

    private func checkOpen() throws(AuditError) {
        if let failure = stats.failure { throw failure }
        if closing { throw AuditError.closed(path: path) }
    }

    private func enqueue(_ entry: PreparedEntry) {
        entries.append(entry)
        stats.accepted += 1
        stats.queued = entries.count
        if entries.count == 1 {
            firstQueuedAt = Date()
            condition.signal()
        } else if entries.count == earlyCommit {
            condition.signal()
        }
    }

    // MARK: - The writer

    /// Blocks until there is work: entries whose batch window has passed (or enough of them), or a control.
    /// Waiting callers are let into the freed room and resumed.
    func take() -> Work {
        condition.lock()
        while entries.isEmpty && controls.isEmpty { condition.wait() }
        if controls.isEmpty, let first = firstQueuedAt {
            let deadline = first.addingTimeInterval(window)
            while controls.isEmpty && entries.count < earlyCommit && commitActions.count < earlyCommitWaiters
                && Date() < deadline
            {
                _ = condition.wait(until: deadline)
            }
        }
        let work = Work(entries: entries, controls: controls)
        entries = []
        controls = []
        firstQueuedAt = nil
        var admitted: [CheckedContinuation<Void, any Error>] = []
        while !waiters.isEmpty && entries.count < capacity {
            let waiter = waiters.removeFirst()
            enqueue(waiter.entry)
            admitted.append(waiter.continuation)
        }
        stats.isBackpressured = !waiters.isEmpty
        stats.queued = entries.count
        condition.unlock()
        for continuation in admitted { continuation.resume() }
        return work
    }

    /// Whether records are still waiting (a close must let them in first).
    var hasPending: Bool { condition.withLock { !entries.isEmpty || !waiters.isEmpty } }

    /// Puts a control back, to run after the pending records.
    func requeue(_ control: Control) {
        condition.withLock {
            controls.append(control)
            condition.signal()
        }
    }

    /// Runs `action` once every entry queued or waiting now is committed (at once when they are). Never, if
    /// the writer fails first.
    func whenCommitted(_ action: @escaping @Sendable () -> Void) {
        condition.lock()
        let through = stats.accepted + waiters.count
        guard through > committedEntries else {
            condition.unlock()
            return action()
        }
        commitActions.append((through, action))
        // Whoever waits for commits holds something back meanwhile (the gateway, its custody window): enough of
        // them and the batch is committed without waiting out its window.
        if commitActions.count == earlyCommitWaiters { condition.signal() }
        condition.unlock()
    }

    /// The writer has committed `count` queued entries: runs the actions waiting for them.
    func entriesCommitted(_ count: Int) {
        condition.lock()
        committedEntries += count
        var due = 0
        while due < commitActions.count, commitActions[due].entries <= committedEntries { due += 1 }
        let actions = commitActions[..<due].map(\.action)
        commitActions.removeFirst(due)
        condition.unlock()
        for action in actions { action() }
    }

    func committed(_ count: Int) {
        condition.withLock {
            stats.committed += count
            stats.batches += 1
            stats.largestBatch = max(stats.largestBatch, count)
        }
    }

    /// The writer cannot go on: every waiting caller and request gets `error`, and the log refuses records.
    func fail(_ error: AuditError, droppedBatch: Int) {
        condition.lock()
        stats.failure = error
        stats.lost += droppedBatch + entries.count + waiters.count
        let waiting = waiters
        let pendingControls = controls
        entries = []
        waiters = []
        controls = []
        stats.queued = 0
        stats.isBackpressured = false
        condition.unlock()
        for waiter in waiting { waiter.continuation.resume(throwing: error) }
        for control in pendingControls { control.fail(error) }
    }
}

extension WriteQueue.Control {
    func fail(_ error: AuditError) {
        switch self {
        case .flush(let continuation), .close(_, let continuation): continuation.resume(throwing: error)
        case .purge(_, let continuation): continuation.resume(throwing: error)
        case .progress: break
        }
    }
}
