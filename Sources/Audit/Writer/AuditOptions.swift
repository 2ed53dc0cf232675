public import StrictJSON

/// How the log writes: batching, back-pressure, signing and retention.
public struct AuditOptions: Sendable {
    /// The longest a record waits in memory before its batch is committed.
    public var batchWindow: Duration = .milliseconds(200)
    /// Records that may wait in memory; when full, `record` suspends until the writer catches up.
    public var queueCapacity: Int = 16_384
    /// Signs checkpoints and the head of every commit when set; without it no checkpoint records are written,
    /// and anyone with write access to the file can recompute the chain.
    public var signer: CheckpointSigner?
    /// When signing: the text file each checkpoint is appended to as a C2SP signed note once committed
    /// (``CheckpointNoteFile``), and checked against at the next open.
    public var checkpointNoteFile: String?
    /// A signed checkpoint after this many records...
    public var checkpointEveryRecords: Int = 1_000
    /// ...or when this many seconds (of record time) have passed since the last one, whichever comes first.
    public var checkpointIntervalSeconds: Double = 60
    /// Days that `track` and `payload_summary` bodies are kept; `nil` keeps them (see `applyRetention`).
    public var retentionDays: Int?
    /// `synchronous = FULL`: commits also survive a power cut, at some cost in throughput.
    public var durableCommits = false
    /// A batch is committed without waiting out `batchWindow` once this many callers wait for a commit
    /// (``AuditLog/whenCommitted(_:)``): they hold something back until then (the gateway's custody window).
    public var commitWhenWaiting: Int = 64
    /// Fields of the `start` record (for example the flowgate version and host).
    public var runInfo: JSONObject = [:]

    public init() {}

    /// A batch is committed early once this many records wait, so a burst does not wait for the window.
    var earlyCommitThreshold: Int { max(1, queueCapacity / 4) }
}
