import Foundation
import StrictJSON

/// Turns entries into chained records: assigns `seq`, canonicalises the body and computes the hashes, and adds a
/// signed checkpoint when one is due. Owned by the writer thread alone.
struct ChainAppender: Sendable {
    private(set) var lastSeq: Int64
    private(set) var lastHash: Data
    private let signer: CheckpointSigner?
    /// The origin of this file's published checkpoints, named in each checkpoint record.
    private let origin: String?
    private let checkpointEvery: Int
    private let checkpointInterval: Double
    private var sinceCheckpoint = 0
    private var lastCheckpointTime: Date?
    private var clock = RecordTime.Formatter()
    /// The (seq, hash) each checkpoint made since the last ``takeCheckpoints()`` signs: what is published once
    /// the batch is committed.
    private var madeCheckpoints: [(seq: Int64, hash: Data)] = []

    init(after last: AuditRecord?, path: String, options: AuditOptions) {
        lastSeq = last?.seq ?? 0
        lastHash = last?.hash ?? RecordHasher.genesis
        signer = options.signer
        origin = options.signer.map { NoteKey.origin(keyID: $0.keyID, recordFile: path) }
        checkpointEvery = max(1, options.checkpointEveryRecords)
        checkpointInterval = options.checkpointIntervalSeconds
    }

    mutating func append(_ entry: PreparedEntry) -> AuditRecord {
        var record = AuditRecord(
            seq: lastSeq + 1, time: clock.text(entry.time), kind: entry.kind.rawValue, drone: entry.drone,
            mission: entry.mission, stream: entry.stream, digest: entry.digest, body: entry.body,
            bodyHash: entry.bodyHash, prevHash: lastHash, hash: Data())
        record.hash = RecordHasher.hash(previous: lastHash, header: record.header)
        lastSeq = record.seq
        lastHash = record.hash
        sinceCheckpoint += 1
        return record
    }

    /// Appends `entries`, with checkpoints where due, and a final checkpoint when `sealing` (at close).
    mutating func append(_ entries: [AuditEntry], sealing: Bool = false) -> [AuditRecord] {
        append(entries.map(PreparedEntry.init), sealing: sealing)
    }

    mutating func append(_ entries: [PreparedEntry], sealing: Bool = false) -> [AuditRecord] {
        var records: [AuditRecord] = []
        records.reserveCapacity(entries.count + 1)
        for entry in entries {
            records.append(append(entry))
            if let checkpoint = checkpointIfDue(at: entry.time, force: false) { records.append(checkpoint) }
        }
        if sealing, let time = entries.last?.time, let checkpoint = checkpointIfDue(at: time, force: true) {
            records.append(checkpoint)
        }
        return records
    }

    private mutating func checkpointIfDue(at time: Date, force: Bool) -> AuditRecord? {
        guard let signer, sinceCheckpoint > 0 else { return nil }
        let since = lastCheckpointTime ?? time
        if lastCheckpointTime == nil { lastCheckpointTime = time }
        guard force || sinceCheckpoint >= checkpointEvery || time.timeIntervalSince(since) >= checkpointInterval
        else { return nil }
        let signature = signer.sign(seq: lastSeq, hash: lastHash)
        var fields: JSONObject = [
            "covers_seq": .number(Int(lastSeq)), "covers_hash": .string(Hex.encode(lastHash)),
            "key_id": .string(signer.keyID), "signature": .string(signature.base64EncodedString()),
        ]
        if let origin { fields["origin"] = .string(origin) }
        madeCheckpoints.append((lastSeq, lastHash))
        let record = append(PreparedEntry(AuditEntry(time: time, kind: .checkpoint, fields: fields)))
        sinceCheckpoint = 0
        lastCheckpointTime = time
        return record
    }

    /// The checkpoints made since the last call, oldest first.
    mutating func takeCheckpoints() -> [(seq: Int64, hash: Data)] {
        defer { madeCheckpoints = [] }
        return madeCheckpoints
    }

    /// The signature over the chain's current end, when signing: stored with every commit.
    var signedHead: SignedHead? {
        signer.map { SignedHead(seq: lastSeq, hash: lastHash, signer: $0) }
    }
}
