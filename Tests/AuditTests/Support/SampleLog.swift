import Foundation
import StrictJSON
import TestSupport

@testable import Audit

/// Logs built through the public API the gateway uses, at fixed times.
enum SampleLog {
    static let start = Date(timeIntervalSince1970: 1_795_874_400)  // 2026-11-28T14:00:00Z

    static func time(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }

    /// `count` decisions from drone D7 between a start and a stop, optionally signed (and its checkpoints
    /// published to `notes`).
    static func decisions(
        at path: String, count: Int = 40, signer: CheckpointSigner? = nil, checkpointEvery: Int = 10,
        notes: String? = nil
    ) async throws {
        let log = try AuditLog.open(
            path: path, options: options(signer: signer, checkpointEvery: checkpointEvery, notes: notes), now: time(0))
        for index in 0..<count { try await log.record(decision(index)) }
        try await log.close(now: time(Double(count)))
    }

    static func options(signer: CheckpointSigner?, checkpointEvery: Int = 10, notes: String? = nil) -> AuditOptions {
        var options = AuditOptions()
        options.signer = signer
        options.checkpointEveryRecords = checkpointEvery
        options.checkpointNoteFile = notes
        options.batchWindow = .milliseconds(20)
        return options
    }

    /// Decision `index` of D7 at second `index`: a block for `cell_too_small`, or with `breach`, a withheld fix
    /// in a no-fly zone (what someone would want gone from the record).
    static func decision(_ index: Int, breach: Bool = false) -> AuditEntry {
        .decision(
            time: time(Double(index)), drone: "D7", mission: "M-0412", stream: breach ? nil : "cam0",
            topic: breach ? "fleet/D7/telemetry" : "fleet/D7/payload/cam0", verdict: breach ? .withhold : .block,
            reasons: [breach ? "in_no_fly" : "cell_too_small"], product: breach ? nil : "crowd_density",
            payload: PayloadDigest(of: Data("payload \(index)".utf8)))
    }

    /// A copy of the open log at `path` as a crash would leave it: what is committed (the file and its WAL),
    /// taken while the writer is idle after a flush.
    static func crashCopy(of log: AuditLog, to path: String) async throws {
        try await log.flush()
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: log.path + suffix) {
            try FileManager.default.copyItem(atPath: log.path + suffix, toPath: path + suffix)
        }
    }

    static func keyPair(in folder: TemporaryFolder, name: String = "key") throws -> (
        CheckpointSigner, CheckpointVerifier
    ) {
        let privatePath = folder.path(name)
        try CheckpointSigner.generateKeyPair(privateKeyFile: privatePath, publicKeyFile: privatePath + ".pub")
        return (
            try CheckpointSigner(privateKeyFile: privatePath),
            try CheckpointVerifier(publicKeyFile: privatePath + ".pub")
        )
    }
}
