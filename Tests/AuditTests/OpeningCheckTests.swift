import Foundation
import Review
import StrictJSON
import TestSupport
import Testing

@testable import Audit

/// A record that was cut or rewritten while the gateway was down is never extended: the next open leaves it as
/// found and goes on in a successor file whose first record is the incident. Otherwise the next signed
/// checkpoint would sign whatever was found, and the laundered record would verify as intact.
@Suite("Opening a record: a broken one is never extended")
struct OpeningCheckTests {
    let folder: TemporaryFolder
    let path: String
    let signer: CheckpointSigner
    let verifier: CheckpointVerifier

    init() throws {
        folder = try TemporaryFolder()
        path = folder.path("audit.sqlite")
        (signer, verifier) = try SampleLog.keyPair(in: folder)
    }

    private var successor: String { folder.path("audit.successor-1.sqlite") }

    /// Opens the record with the key, records one decision and closes it: what a restarted gateway does.
    @discardableResult
    private func restart(_ path: String? = nil, signed: Bool = true, notes: String? = nil) async throws -> AuditLog {
        let log = try AuditLog.open(
            path: path ?? self.path, options: SampleLog.options(signer: signed ? signer : nil, notes: notes),
            now: SampleLog.time(100))
        try await log.record(SampleLog.decision(100))
        try await log.close(now: SampleLog.time(101))
        return log
    }

    private func rows(_ path: String) throws -> Int { try AuditReader(path: path).count() }

    @Test("stop, seal and the last records deleted: a successor starts with the incident; the cut file is kept")
    func cutSignedTail() async throws {
        try await SampleLog.decisions(at: path, signer: signer)
        let stop = try #require(try RawSQL.seqs(path, kind: "stop").last)
        try ChainForgery.cut(from: stop - 3, in: path)
        let lastCheckpoint = try #require(try RawSQL.seqs(path, kind: "checkpoint").last)
        let cutRows = try rows(path)

        let log = try await restart()

        #expect(log.path == successor)
        let incident = try #require(log.incident)
        #expect(incident.previousFile == path)
        #expect(incident.problem.kind == .truncatedTail)
        #expect(incident.lastGoodSeq == lastCheckpoint, "what follows the last signed checkpoint is in doubt")
        #expect(try rows(path) == cutRows, "the broken file is not extended")
        let laundered = try ChainVerifier.verify(path: path, options: .init(publicKey: verifier, allowOpenTail: true))
        #expect(!laundered.isIntact, "the cut file must not verify: \(laundered.summary)")
        let next = try ChainVerifier.verify(path: successor, options: .init(publicKey: verifier))
        #expect(next.isIntact, "\(next.summary)")
        let first = try #require(try AuditReader(path: successor).records().first)
        #expect(first.kindValue == .incident)
        #expect(first.fields["previous_file"]?.stringValue == path)
        #expect(first.fields["previous_last_good_seq"]?.doubleValue == Double(lastCheckpoint))
        #expect(first.fields["problem"]?.stringValue == "truncated tail")
        #expect(try AuditReader(path: successor).records().map(\.kind).prefix(2) == ["incident", "start"])
        let run = try RecordedRun(reader: AuditReader(path: successor), filter: RecordFilter())
        #expect(Timeline.text(Timeline.entries(run)).contains("incident    -  \(path) was broken (truncated tail"))
    }

    @Test("breach records erased after the last signed checkpoint and the chain recomputed: found by the signed head")
    func recomputedSignedTail() async throws {
        let crashed = try await crashedSignedRecord()
        let lastCheckpoint = try #require(try RawSQL.seqs(crashed, kind: "checkpoint").last)
        let erased = Set(try breaches(in: crashed).filter { $0 > lastCheckpoint })
        #expect(erased.count == 2)
        try ChainForgery.erase(erased, in: crashed)
        // The chain alone is consistent again; the signed head is what tells.
        #expect(try ChainVerifier.verify(path: crashed, options: .init(allowOpenTail: true)).isIntact)
        let found = try #require(
            try ChainVerifier.verify(path: crashed, options: .init(publicKey: verifier, allowOpenTail: true)).problem)
        #expect(found.kind == .truncatedTail)
        #expect(found.detail.contains("signed head"))

        let log = try await restart(crashed)

        #expect(log.path == folder.path("crashed.successor-1.sqlite"))
        #expect(log.incident?.problem.kind == .truncatedTail)
        #expect(log.incident?.lastGoodSeq == lastCheckpoint)
        #expect(try ChainVerifier.verify(path: log.path, options: .init(publicKey: verifier)).isIntact)
    }

    @Test(
        "a breach record rewritten after the last signed checkpoint and the chain recomputed: found by the signed head")
    func rewrittenSignedTail() async throws {
        let crashed = try await crashedSignedRecord()
        let breach = try #require(try breaches(in: crashed).last)
        try ChainForgery.replaceBody(of: breach, in: crashed) {
            $0.replacingOccurrences(of: "in_no_fly", with: "cell_too_small")
        }
        #expect(try ChainVerifier.verify(path: crashed, options: .init(allowOpenTail: true)).isIntact)
        let found = try #require(
            try ChainVerifier.verify(path: crashed, options: .init(publicKey: verifier, allowOpenTail: true)).problem)
        #expect(found.kind == .modified)
        let log = try await restart(crashed)
        #expect(log.incident?.problem.kind == .modified)
        #expect(log.incident?.problem.detail.contains("recomputed") == true)
    }

    @Test("the signed head removed as well: no signed head is itself a break")
    func signedHeadRemoved() async throws {
        let crashed = try await crashedSignedRecord()
        let lastDecision = try #require(try RawSQL.seqs(crashed, kind: "decision").last)
        try ChainForgery.erase([lastDecision], in: crashed)
        try RawSQL.execute(crashed, "DELETE FROM audit_meta WHERE key = 'signed_head'")
        let log = try await restart(crashed)
        #expect(log.incident?.problem.kind == .badSignature)
        #expect(log.incident?.problem.detail.contains("no signed head") == true)
    }

    @Test("a signed run that crashed is no break: the same file goes on, with a gap, and verifies with the key")
    func honestCrash() async throws {
        let crashed = try await crashedSignedRecord()
        let log = try await restart(crashed)
        #expect(log.path == crashed)
        #expect(log.incident == nil)
        let report = try ChainVerifier.verify(path: crashed, options: .init(publicKey: verifier))
        #expect(report.isIntact, "\(report.summary)")
        #expect((report.runs, report.gaps) == (2, 1))
        #expect(report.signedHeadSeq == report.lastSeq)
    }

    @Test("an unsigned record with a deleted record is not extended either")
    func unsignedDeletion() async throws {
        try await SampleLog.decisions(at: path)
        try RawSQL.execute(path, "DELETE FROM audit_record WHERE seq = 20")
        let before = try rows(path)
        let log = try await restart(signed: false)
        #expect(log.path == successor)
        #expect(
            log.incident?.problem == ChainProblem(seq: 20, kind: .deleted, detail: log.incident?.problem.detail ?? ""))
        #expect(log.incident?.lastGoodSeq == 19)
        #expect(try rows(path) == before)
        #expect(try ChainVerifier.verify(path: successor).isIntact)
    }

    @Test("rows cut from the end (the counter says so) are a break, not a gap")
    func counterBeyondTheEnd() async throws {
        try await SampleLog.decisions(at: path)
        try RawSQL.execute(path, "DELETE FROM audit_record WHERE seq > 30")
        let log = try await restart(signed: false)
        #expect(log.incident?.problem.kind == .truncatedTail)
        #expect(log.incident?.lastGoodSeq == 30)
        #expect(try AuditReader(path: successor).last(.gap) == nil)
    }

    @Test("once a file has a successor it is never written again, even when it verifies again")
    func successorIsFollowed() async throws {
        try await SampleLog.decisions(at: path)
        let copy = folder.path("intact.sqlite")
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        try RawSQL.execute(path, "DELETE FROM audit_record WHERE seq = 20")
        try await restart(signed: false)
        // Put the intact file back: the record still goes on in the successor, so it cannot fork.
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.copyItem(atPath: copy, toPath: path)
        let again = try await restart(signed: false)
        #expect(again.path == successor)
        #expect(again.incident == nil)
        #expect(try ChainVerifier.verify(path: successor).runs == 2)
        // A broken successor gets a successor of its own.
        try RawSQL.execute(successor, "DELETE FROM audit_record WHERE seq = 3")
        let third = try await restart(signed: false)
        #expect(third.path == folder.path("audit.successor-2.sqlite"))
        #expect(third.incident?.previousFile == successor)
    }

    @Test("a record deleted and started afresh is caught by its published checkpoints")
    func deletedRecord() async throws {
        let notes = folder.path("audit.checkpoints")
        try await SampleLog.decisions(at: path, signer: signer, notes: notes)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let log = try AuditLog.open(
            path: path, options: SampleLog.options(signer: signer, notes: notes), now: SampleLog.time(100))
        try await log.close(now: SampleLog.time(101))
        #expect(log.path == successor)
        #expect(log.incident?.problem.kind == .deleted)
        #expect(log.incident?.problem.detail.contains(notes) == true)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("a record rolled back to an earlier state, signed head and all, is caught by its published checkpoints")
    func rolledBack() async throws {
        let notes = folder.path("audit.checkpoints")
        let options = SampleLog.options(signer: signer, notes: notes)
        let log = try AuditLog.open(path: path, options: options, now: SampleLog.time(0))
        for index in 0..<15 { try await log.record(SampleLog.decision(index)) }
        let snapshot = folder.path("snapshot.sqlite")
        try await SampleLog.crashCopy(of: log, to: snapshot)
        for index in 15..<30 { try await log.record(SampleLog.decision(index, breach: index == 20)) }
        try await log.close(now: SampleLog.time(30))
        // The insider keeps a copy of the file as it was, and later puts it back in place.
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        for suffix in ["", "-wal"] {
            try FileManager.default.moveItem(atPath: snapshot + suffix, toPath: path + suffix)
        }
        #expect(try ChainVerifier.verify(path: path, options: .init(publicKey: verifier, allowOpenTail: true)).isIntact)

        let reopened = try await restart(notes: notes)
        #expect(reopened.path == successor)
        #expect(reopened.incident?.problem.kind == .truncatedTail)
        #expect(reopened.incident?.problem.detail.contains(notes) == true)
    }

    @Test("a record put back from before its first checkpoint is held to the checkpoints published since")
    func rolledBackBeforeFirstCheckpoint() async throws {
        let notes = folder.path("audit.checkpoints")
        let log = try AuditLog.open(
            path: path, options: SampleLog.options(signer: signer, notes: notes), now: SampleLog.time(0))
        for index in 0..<3 { try await log.record(SampleLog.decision(index)) }
        let snapshot = folder.path("snapshot.sqlite")
        try await SampleLog.crashCopy(of: log, to: snapshot)
        for index in 3..<30 { try await log.record(SampleLog.decision(index)) }
        try await log.close(now: SampleLog.time(30))
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        for suffix in ["", "-wal"] {
            try FileManager.default.moveItem(atPath: snapshot + suffix, toPath: path + suffix)
        }
        #expect(try RawSQL.seqs(path, kind: "checkpoint").isEmpty)
        let reopened = try await restart(notes: notes)
        #expect(reopened.path == successor)
        #expect(reopened.incident?.problem.kind == .truncatedTail)
    }

    /// A signed run that crashed after 18 decisions, breaches among them at 5, 13 and 15 s: a copy of its
    /// committed state, `crashed.sqlite`. Its last checkpoint (seq 11) lies between the first breach and the
    /// other two, and two records follow the last breach.
    private func crashedSignedRecord() async throws -> String {
        let log = try AuditLog.open(path: path, options: SampleLog.options(signer: signer), now: SampleLog.time(0))
        for index in 0..<18 { try await log.record(SampleLog.decision(index, breach: [5, 13, 15].contains(index))) }
        let crashed = folder.path("crashed.sqlite")
        try await SampleLog.crashCopy(of: log, to: crashed)
        try await log.close(now: SampleLog.time(18))
        return crashed
    }

    private func breaches(in path: String) throws -> [Int64] {
        try AuditReader(path: path).records(RecordFilter(kinds: [.decision]))
            .filter { $0.fields["reasons"] == .array(["in_no_fly"]) }.map(\.seq)
    }
}
