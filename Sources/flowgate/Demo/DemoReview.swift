import Airspace
import ArgumentParser
import Audit
import Foundation
import Review
import Simulation

/// The end of the demo: the review report, the scorecard from the audit record and the record's verification.
struct DemoReview {
    let files: DemoFiles
    let scenario: Scenario

    /// What a demo must show: every scripted fault caught, no compliant message blocked.
    static let thresholds = ScoreThresholds(minimumFaultRecall: 1, maximumFalseBlocks: 0)

    /// The database's size with its write-ahead log, which a clean close has emptied.
    static func bytes(of database: URL) throws -> Int {
        let manager = FileManager.default
        let wal = database.path + "-wal"
        let main = try manager.attributesOfItem(atPath: database.path)[.size] as? Int ?? 0
        return main + ((try? manager.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0)
    }

    func finish() throws {
        guard FileManager.default.fileExists(atPath: files.audit.path) else {
            StandardError.print("demo: the gateway wrote no audit record at \(files.audit.path)")
            throw ExitCode.checkFailed
        }
        let verdict: VerifyReport
        let run: RecordedRun
        let site: SiteBundle?
        let size: RecordSize
        let bundle = scenario.bundleDirectory
        do {
            // As an oversight body would: with the public key and the checkpoints published during the run.
            verdict = try ChainVerifier.verify(
                path: files.audit.path,
                options: .init(
                    publicKey: try CheckpointVerifier(publicKeyFile: files.publicKey.path),
                    publishedCheckpoints: try CheckpointNoteFile(path: files.checkpoints.path)))
            run = try RecordedRun(
                reader: AuditReader(path: files.audit.path), filter: RecordFilter(kinds: HTMLReport.recordKinds))
            site = try? BundleLoader.load(directory: bundle)
            size = RecordSize(
                scenario: scenario, bytes: try Self.bytes(of: files.audit), records: verdict.records,
                decisions: run.decisions.count)
        }
        let note =
            site.map { "Zones from \(bundle.path) (site '\($0.site.name)', \($0.zones.count) zones)." }
            ?? "Zones not shown: the bundle \(bundle.path) does not load."
        let report = HTMLReport(
            title: "flowgate demo: review report", scope: "\(files.audit.path), all records", verdict: verdict,
            bundle: site, bundleNote: note)
        try Data(report.render(run).utf8).write(to: files.report)
        let card = try AuditDecisions.scorecard(truth: TruthFile(path: files.truth.path), audit: [files.audit.path])
        print("")
        print(card.report())
        print("")
        print("Record: \(verdict.summary)")
        print(size.line)
        print("Files in \(files.folder.path):")
        print("  report    \(files.report.path)")
        print("  record    \(files.audit.path)")
        print("  key       \(files.publicKey.path) (public; the private key signed the record's checkpoints)")
        print(
            "  published \(files.checkpoints.path) (every signed checkpoint, as also retained on flowgate/checkpoints)")
        print("  recording \(files.recording.path)")
        print("  truth     \(files.truth.path)")
        print(
            "Verify it again: flowgate audit verify \(files.audit.path) --public-key \(files.publicKey.path) "
                + "--checkpoint \(files.checkpoints.path)")
        print(
            "Score it again: flowgate review score --truth \(files.truth.path) --audit \(files.audit.path) "
                + "--min-fault-recall 1 --max-false-blocks 0")
        guard verdict.isIntact else {
            print("FAILED: the audit record does not verify")
            throw ExitCode.checkFailed
        }
        try ScoreThresholdOptions.check(card, DemoReview.thresholds)
        guard size.isWithinBudget else {
            print("FAILED: the record is larger than the documented size for this exercise")
            throw ExitCode.checkFailed
        }
        print("Demo passed: every scripted fault caught, no compliant message blocked.")
    }
}
