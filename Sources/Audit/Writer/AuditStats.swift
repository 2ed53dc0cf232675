/// What the writer has done so far: for the gateway's metrics and its status line.
public struct AuditStats: Sendable, Equatable {
    /// Records accepted by `record` (queued or committed).
    public var accepted = 0
    /// Records committed to the database, checkpoints and the writer's own records included.
    public var committed = 0
    /// Transactions committed.
    public var batches = 0
    /// Records in the largest transaction so far.
    public var largestBatch = 0
    /// Calls to `record` that had to wait because the queue was full (the disk did not keep up).
    public var backpressureWaits = 0
    /// Whether some caller is waiting right now.
    public var isBackpressured = false
    /// Records waiting in memory right now.
    public var queued = 0
    /// Records accepted but never committed because the writer failed (zero unless `failure` is set).
    public var lost = 0
    /// Why the writer stopped, when it did: the log then refuses every record (fail closed).
    public var failure: AuditError?
}
