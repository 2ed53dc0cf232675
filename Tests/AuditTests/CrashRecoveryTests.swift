import Audit
import Foundation
import StrictJSON
import TestSupport
import Testing

@Suite("Crash safety")
struct CrashRecoveryTests {
    @Test("a writer killed with SIGKILL leaves a chain that verifies up to its last commit; reopening records a gap")
    func killedWriter() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("audit.sqlite")
        let process = Process()
        process.executableURL = try FlowgateProcess.locateExecutable(
            "flowgate-audit-bench", override: "FLOWGATE_AUDIT_BENCH_EXECUTABLE"
        ).get()
        process.arguments = ["--write-until-killed", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let handle = pipe.fileHandleForReading
        let started = await Task.detached { String(decoding: handle.availableData, as: UTF8.self) }.value
        #expect(started.contains("writing"))

        // Let it commit several batches while it keeps writing, then kill it mid-stream.
        let reader = try AuditReader(path: path)
        var polls = 0
        while try reader.count() < 3_000, polls < 1_200 {
            try await Task.sleep(for: .milliseconds(50))
            polls += 1
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        let committed = try AuditReader(path: path).records()
        #expect(committed.count >= 3_000)
        let open = try ChainVerifier.verify(path: path, options: .init(allowOpenTail: true))
        #expect(open.isIntact)
        #expect(open.records == committed.count)
        #expect(!open.endsCleanly)
        #expect(try ChainVerifier.verify(path: path).problem?.kind == .truncatedTail)

        let log = try AuditLog.open(path: path)
        try await log.close()
        let after = try ChainVerifier.verify(path: path)
        #expect(after.isIntact, "\(after.summary)")
        #expect(after.gaps == 1)
        #expect(after.runs == 2)
        let gap = try #require(try AuditReader(path: path).last(.gap))
        #expect(gap.seq == Int64(committed.count) + 1)
        #expect(gap.fields["previous_seq"]?.doubleValue == Double(committed.count))
    }

    @Test("a clean close leaves no gap at the next open")
    func cleanRestart() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("audit.sqlite")
        try await SampleLog.decisions(at: path, count: 3)
        let log = try AuditLog.open(path: path, now: SampleLog.time(100))
        try await log.close(now: SampleLog.time(101))
        let report = try ChainVerifier.verify(path: path)
        #expect(report.isIntact)
        #expect((report.runs, report.gaps, report.records) == (2, 0, 7))
    }
}
