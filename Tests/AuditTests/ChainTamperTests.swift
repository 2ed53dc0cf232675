import Foundation
import GRDB
import StrictJSON
import TestSupport
import Testing

@testable import Audit

/// Each kind of tampering, done with plain SQL on the file, is found and named at the first bad record.
@Suite("Hash chain: tampering is detected and named")
struct ChainTamperTests {
    let folder: TemporaryFolder
    let path: String

    /// seq 1 start, 2-41 decisions, 42 stop.
    init() async throws {
        folder = try TemporaryFolder()
        path = folder.path("audit.sqlite")
        try await SampleLog.decisions(at: path)
    }

    private func problem(_ options: ChainVerifier.Options = .init()) throws -> ChainProblem? {
        try ChainVerifier.verify(path: path, options: options).problem
    }

    @Test("an untouched log verifies, with a summary of what was checked")
    func untouched() throws {
        let report = try ChainVerifier.verify(path: path)
        #expect(report.isIntact)
        #expect(report.records == 42)
        #expect(report.runs == 1)
        #expect(report.endsCleanly)
        #expect(report.summary.hasPrefix("intact: 42 records (seq 1-42"))
    }

    @Test("a changed body is 'modified' at its seq")
    func modifiedBody() throws {
        try RawSQL.execute(
            path, "UPDATE audit_record SET body = replace(body, 'cell_too_small', 'none') WHERE seq = 10")
        let found = try #require(try problem())
        #expect(found.seq == 10)
        #expect(found.kind == .modified)
    }

    @Test("a changed column is 'modified' at its seq")
    func modifiedColumn() throws {
        try RawSQL.execute(path, "UPDATE audit_record SET drone = 'D8' WHERE seq = 12")
        #expect(try problem() == ChainProblem(seq: 12, kind: .modified, detail: try #require(try problem()).detail))
    }

    @Test("a record rewritten with recomputed hashes is 'modified' at its seq")
    func rewrittenWithNewHash() throws {
        var record = try #require(try AuditReader(path: path).records().first { $0.seq == 10 })
        record.body = try #require(record.body).replacingOccurrences(of: "cell_too_small", with: "none")
        record.bodyHash = RecordHasher.bodyHash(try #require(record.body))
        record.hash = RecordHasher.hash(previous: record.prevHash, header: record.header)
        try RawSQL.execute(
            path, "UPDATE audit_record SET body = ?, body_hash = ?, hash = ? WHERE seq = 10",
            [record.body, record.bodyHash, record.hash])
        let found = try #require(try problem())
        #expect((found.seq, found.kind) == (10, .modified))
        #expect(found.detail.contains("recomputed"))
    }

    @Test("a deleted record is 'deleted', naming the missing seq")
    func deleted() throws {
        try RawSQL.execute(path, "DELETE FROM audit_record WHERE seq = 20")
        let found = try #require(try problem())
        #expect((found.seq, found.kind) == (20, .deleted))
    }

    @Test("deleting the first record is 'deleted' at seq 1")
    func deletedFirst() throws {
        try RawSQL.execute(path, "DELETE FROM audit_record WHERE seq = 1")
        let found = try #require(try problem())
        #expect((found.seq, found.kind) == (1, .deleted))
    }

    @Test("a record inserted with a correct hash (later ones renumbered) is 'inserted' at its seq")
    func insertedWithHash() throws {
        try insertAfter20(forgeHash: true)
        let found = try #require(try problem())
        #expect((found.seq, found.kind) == (21, .inserted))
    }

    @Test("a record inserted without a valid hash is 'inserted' at its seq")
    func insertedWithoutHash() throws {
        try insertAfter20(forgeHash: false)
        let found = try #require(try problem())
        #expect((found.seq, found.kind) == (21, .inserted))
    }

    @Test("two swapped records are 'reordered'")
    func swapped() throws {
        try RawSQL.execute(path, "UPDATE audit_record SET seq = -1 WHERE seq = 15")
        try RawSQL.execute(path, "UPDATE audit_record SET seq = 15 WHERE seq = 16")
        try RawSQL.execute(path, "UPDATE audit_record SET seq = 16 WHERE seq = -1")
        let found = try #require(try problem())
        #expect((found.seq, found.kind) == (15, .reordered))
    }

    @Test("a cut tail is 'truncated tail', from the log's counter")
    func truncatedByCounter() throws {
        try RawSQL.execute(path, "DELETE FROM audit_record WHERE seq > 38")
        let found = try #require(try problem())
        #expect((found.seq, found.kind) == (39, .truncatedTail))
        #expect(found.detail.contains("39-42"))
    }

    @Test("a cut tail with the counter lowered too is 'truncated tail': no stop record")
    func truncatedWithoutStop() throws {
        try RawSQL.execute(path, "DELETE FROM audit_record WHERE seq > 38")
        try RawSQL.execute(path, "UPDATE audit_meta SET value = '38' WHERE key = 'last_seq'")
        let found = try #require(try problem())
        #expect((found.seq, found.kind) == (39, .truncatedTail))
        #expect(found.detail.contains("without a stop record"))
        // An open log (a gateway still running, or crashed) is accepted on request, checked up to its end.
        let open = try ChainVerifier.verify(path: path, options: .init(allowOpenTail: true))
        #expect(open.isIntact)
        #expect(open.lastSeq == 38)
        #expect(!open.endsCleanly)
    }

    /// Moves seq 21... up by one and puts a copy of seq 20 at seq 21, chained to 20.
    private func insertAfter20(forgeHash: Bool) throws {
        try RawSQL.execute(path, "UPDATE audit_record SET seq = seq + 1000000 WHERE seq > 20")
        try RawSQL.execute(path, "UPDATE audit_record SET seq = seq - 999999 WHERE seq > 1000000")
        var forged = try #require(try AuditReader(path: path).records().first { $0.seq == 20 })
        forged.seq = 21
        forged.prevHash = forged.hash
        forged.hash = forgeHash ? RecordHasher.hash(previous: forged.prevHash, header: forged.header) : Data(count: 32)
        try RawSQL.execute(
            path,
            "INSERT INTO audit_record (seq, time, kind, drone, mission, stream, digest, body, body_hash, prev_hash, hash) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                forged.seq, forged.time, forged.kind, forged.drone, forged.mission, forged.stream, forged.digest,
                forged.body, forged.bodyHash, forged.prevHash, forged.hash,
            ])
    }
}
