import Audit
import Foundation
import GRDB
import StrictJSON
import TestSupport
import Testing

@Suite("Retention")
struct RetentionTests {
    /// Ten fixes at a latitude that is easy to find in the file's bytes, two payload summaries and a decision.
    private func recordRun(at path: String) async throws {
        let log = try AuditLog.open(path: path, now: SampleLog.time(0))
        for second in 0..<10 {
            try await log.record(
                .track(
                    time: SampleLog.time(Double(second)), drone: "D7", mission: "M-0412", latitude: 52.123456789,
                    longitude: 13.3777, altitudeMetres: 60, altitudeReference: "agl", state: .compliant, reasons: []))
        }
        for second in [2.0, 8.0] {
            try await log.record(
                .payloadSummary(
                    time: SampleLog.time(second), drone: "D7", mission: "M-0412", stream: "cam0",
                    product: "crowd_density", cells: 6, totalCount: 104, suppressedCells: 1))
        }
        try await log.record(
            .decision(
                time: SampleLog.time(3), drone: "D7", mission: "M-0412", stream: "cam0", topic: "fleet/D7/payload/cam0",
                verdict: .redact, reasons: ["small_count_suppressed"], product: "crowd_density",
                payload: PayloadDigest(of: Data("p".utf8))))
        try await log.close(now: SampleLog.time(10))
    }

    @Test("purging keeps the chain verifiable, removes the bodies from the file, and is recorded")
    func purgeKeepsVerification() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("audit.sqlite")
        try await recordRun(at: path)
        var options = AuditOptions()
        options.retentionDays = 30
        let later = SampleLog.time(31 * 86_400)
        let log = try AuditLog.open(path: path, options: options, now: later)
        let pruned = try await log.applyRetention(now: later)
        try await log.close(now: later)
        #expect(pruned == 12)

        let report = try ChainVerifier.verify(path: path)
        #expect(report.isIntact, "\(report.summary)")
        #expect(report.prunedBodies == 12)
        let reader = try AuditReader(path: path)
        let purge = try #require(try reader.last(.purge))
        #expect(purge.fields["pruned"]?.doubleValue == 12)
        #expect(purge.fields["kinds"] == .array(["payload_summary", "track"]))
        #expect(try reader.records(RecordFilter(kinds: [.track, .payloadSummary])).allSatisfy(\.isPruned))
        #expect(try reader.records(RecordFilter(kinds: [.decision])).allSatisfy { !$0.isPruned })
        let bytes = try #require(FileManager.default.contents(atPath: path))
        #expect(bytes.range(of: Data("52.123456789".utf8)) == nil)
    }

    @Test("only records older than the cutoff lose their bodies")
    func cutoff() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("audit.sqlite")
        try await recordRun(at: path)
        let log = try AuditLog.open(path: path, now: SampleLog.time(100))
        #expect(try await log.purge(olderThan: SampleLog.time(5), now: SampleLog.time(100)) == 6)  // 5 fixes, 1 summary
        try await log.close(now: SampleLog.time(101))
        #expect(try ChainVerifier.verify(path: path).isIntact)
    }

    @Test("a body removed outside retention is 'modified'")
    func bodyRemovedByHand() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("audit.sqlite")
        try await recordRun(at: path)
        let decision = try #require(try RawSQL.seqs(path, kind: "decision").first)
        try RawSQL.execute(path, "UPDATE audit_record SET body = NULL WHERE seq = ?", [decision])
        let found = try #require(try ChainVerifier.verify(path: path).problem)
        #expect((found.seq, found.kind) == (decision, .modified))

        let track = try #require(try RawSQL.seqs(path, kind: "track").first)
        try RawSQL.execute(path, "UPDATE audit_record SET body = NULL WHERE seq = ?", [track])
        let first = try #require(try ChainVerifier.verify(path: path).problem)
        #expect((first.seq, first.kind) == (track, .modified))
        #expect(first.detail.contains("without a purge record"))
    }
}
