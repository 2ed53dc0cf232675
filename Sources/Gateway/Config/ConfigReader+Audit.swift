import Audit
import Foundation
import Yams

extension ConfigReader {
    /// The `audit` section: where the record is and how it is written.
    ///
    /// ```yaml
    /// audit:
    ///   path: flowgate-audit.sqlite      # relative to the configuration's folder
    ///   batch_window_ms: 200
    ///   queue_capacity: 16384
    ///   track_interval_s: 1
    ///   tally_interval_s: 10
    ///   payload_summary_interval_s: 1    # 0: one summary per forwarded payload
    ///   retention_days: 30               # tracks and payload summaries
    ///   durable_commits: false           # true: each commit survives a power loss (SQLite synchronous FULL)
    ///   checkpoint:                      # required: signing, or `checkpoint: none`
    ///     key_file: keys/audit.key       # Ed25519, from `flowgate audit keygen --out keys/audit.key`
    ///     note_file: flowgate-audit.checkpoints   # each checkpoint appended as a C2SP signed note
    ///     every_records: 1000
    ///     every_s: 60
    /// ```
    static func auditSettings(_ fields: YAMLFields, base: URL, checkFiles: Bool) -> AuditSettings? {
        fields.rejectUnknownKeys([
            "path", "batch_window_ms", "queue_capacity", "track_interval_s", "tally_interval_s",
            "payload_summary_interval_s", "retention_days", "durable_commits", "checkpoint",
        ])
        guard let path = fields.string("path", required: true) else { return nil }
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)
        var settings = AuditSettings(path: url)
        if let window = fields.integer("batch_window_ms", in: 1...200) {
            settings.options.batchWindow = .milliseconds(window)
        }
        if let capacity = fields.integer("queue_capacity", in: 16...1_000_000) {
            settings.options.queueCapacity = capacity
        }
        if let track = fields.number("track_interval_s", in: 0...3_600) { settings.trackInterval = track }
        if let tally = fields.number("tally_interval_s", in: 1...3_600) { settings.tallyInterval = tally }
        if let summaries = fields.number("payload_summary_interval_s", in: 0...3_600) {
            settings.payloadSummaryInterval = summaries
        }
        if let days = fields.integer("retention_days", in: 1...36_500) { settings.options.retentionDays = days }
        if let durable = fields.boolean("durable_commits") { settings.options.durableCommits = durable }
        checkpointSettings(fields, base: base, checkFiles: checkFiles, into: &settings.options)
        return settings
    }

    /// `checkpoint`: required, so that an unsigned record is a choice someone wrote down (`checkpoint: none`),
    /// never an omission. Without signatures, anyone with write access to the file can recompute its chain.
    private static func checkpointSettings(
        _ fields: YAMLFields, base: URL, checkFiles: Bool, into options: inout AuditOptions
    ) {
        let choice = fields.node("checkpoint")
        if case .scalar(let scalar)? = choice {
            if scalar.string != "none" { fields.report("checkpoint", choice, "expected `none` or a mapping") }
            return
        }
        guard choice != nil else {
            fields.report(
                "checkpoint", nil,
                "is required: `key_file: FILE` to sign the record (make the key with `flowgate audit keygen --out "
                    + "FILE`), or `none` for an unsigned record that anyone with write access can recompute")
            return
        }
        guard let checkpoint = fields.mapping("checkpoint") else { return }
        checkpoint.rejectUnknownKeys(["key_file", "note_file", "every_records", "every_s"])
        if let key = checkpoint.fileURL("key_file", base: base, mustExist: false, required: true), checkFiles {
            if !FileManager.default.fileExists(atPath: key.path) {
                checkpoint.report(
                    "key_file", checkpoint.node("key_file"),
                    "no key file at \(key.path); create it with: flowgate audit keygen --out \(key.path)")
            } else {
                do {
                    options.signer = try CheckpointSigner(privateKeyFile: key.path)
                } catch {
                    checkpoint.report("key_file", checkpoint.node("key_file"), "\(error)")
                }
            }
        }
        if let notes = checkpoint.fileURL("note_file", base: base, mustExist: false) {
            var isFolder: ObjCBool = false
            let folder = notes.deletingLastPathComponent().path
            if checkFiles,
                !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) || !isFolder.boolValue
            {
                checkpoint.report("note_file", checkpoint.node("note_file"), "no folder \(folder) to write it in")
            }
            options.checkpointNoteFile = notes.path
        }
        if let records = checkpoint.integer("every_records", in: 1...1_000_000) {
            options.checkpointEveryRecords = records
        }
        if let seconds = checkpoint.number("every_s", in: 1...86_400) {
            options.checkpointIntervalSeconds = seconds
        }
    }
}
