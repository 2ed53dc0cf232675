import Audit
import Foundation

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
    ///   checkpoint:
    ///     key_file: keys/audit.key       # Ed25519, from `flowgate audit keygen`
    ///     every_records: 1000
    ///     every_s: 60
    /// ```
    static func auditSettings(_ fields: YAMLFields, base: URL, checkFiles: Bool) -> AuditSettings? {
        fields.rejectUnknownKeys([
            "path", "batch_window_ms", "queue_capacity", "track_interval_s", "tally_interval_s",
            "payload_summary_interval_s", "retention_days", "checkpoint",
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
        if let checkpoint = fields.mapping("checkpoint") {
            checkpoint.rejectUnknownKeys(["key_file", "every_records", "every_s"])
            if let key = checkpoint.fileURL("key_file", base: base, mustExist: checkFiles, required: true), checkFiles {
                do {
                    settings.options.signer = try CheckpointSigner(privateKeyFile: key.path)
                } catch {
                    checkpoint.report("key_file", checkpoint.node("key_file"), "\(error)")
                }
            }
            if let records = checkpoint.integer("every_records", in: 1...1_000_000) {
                settings.options.checkpointEveryRecords = records
            }
            if let seconds = checkpoint.number("every_s", in: 1...86_400) {
                settings.options.checkpointIntervalSeconds = seconds
            }
        }
        return settings
    }
}
