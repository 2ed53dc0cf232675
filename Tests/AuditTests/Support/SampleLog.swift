import Foundation
import StrictJSON

@testable import Audit

/// Logs built through the public API the gateway uses, at fixed times.
enum SampleLog {
    static let start = Date(timeIntervalSince1970: 1_795_874_400)  // 2026-11-28T14:00:00Z

    static func time(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }

    /// `count` decisions from drone D7 between a start and a stop, optionally signed.
    static func decisions(
        at path: String, count: Int = 40, signer: CheckpointSigner? = nil, checkpointEvery: Int = 10
    ) async throws {
        var options = AuditOptions()
        options.signer = signer
        options.checkpointEveryRecords = checkpointEvery
        options.batchWindow = .milliseconds(20)
        let log = try AuditLog.open(path: path, options: options, now: time(0))
        for index in 0..<count {
            try await log.record(
                .decision(
                    time: time(Double(index)), drone: "D7", mission: "M-0412", stream: "cam0",
                    topic: "fleet/D7/payload/cam0", verdict: .block, reasons: ["cell_too_small"],
                    product: "crowd_density", payload: PayloadDigest(of: Data("payload \(index)".utf8))))
        }
        try await log.close(now: time(Double(count)))
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
