import Foundation
import GRDB
import StrictJSON
import TestSupport
import Testing

@testable import Audit

@Suite("Signed checkpoints")
struct CheckpointSignatureTests {
    @Test("a signed log verifies with its key and fails with another, naming the first checkpoint")
    func rightAndWrongKey() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("audit.sqlite")
        let (signer, verifier) = try SampleLog.keyPair(in: folder)
        let (_, otherVerifier) = try SampleLog.keyPair(in: folder, name: "other")
        try await SampleLog.decisions(at: path, signer: signer)

        let report = try ChainVerifier.verify(path: path, options: .init(publicKey: verifier))
        #expect(report.isIntact)
        #expect(report.checkpoints == 5)  // after 10, 20, 30, 40 records and the seal after stop
        #expect(report.verifiedSignatures == 5)

        let checkpoints = try RawSQL.seqs(path, kind: "checkpoint")
        let wrong = try #require(try ChainVerifier.verify(path: path, options: .init(publicKey: otherVerifier)).problem)
        #expect((wrong.seq, wrong.kind) == (try #require(checkpoints.first), .badSignature))
        // Without a key the chain itself is intact; the summary says the signatures were not checked.
        #expect(try ChainVerifier.verify(path: path).summary.contains("signatures not checked"))
    }

    @Test("a replaced checkpoint signature is 'bad signature' at that checkpoint")
    func replacedSignature() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("audit.sqlite")
        let (signer, verifier) = try SampleLog.keyPair(in: folder)
        try await SampleLog.decisions(at: path, signer: signer)
        let second = try RawSQL.seqs(path, kind: "checkpoint")[1]
        let record = try #require(try AuditReader(path: path).records().first { $0.seq == second })
        let original = try #require(record.fields["signature"]?.stringValue)
        let forged = Data(repeating: 7, count: 64).base64EncodedString()
        try RawSQL.execute(
            path, "UPDATE audit_record SET body = replace(body, ?, ?) WHERE seq = ?", [original, forged, second])
        let found = try #require(try ChainVerifier.verify(path: path, options: .init(publicKey: verifier)).problem)
        #expect((found.seq, found.kind) == (second, .badSignature))
    }

    @Test("a signed log whose sealing checkpoint was cut is 'truncated tail'")
    func sealCut() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("audit.sqlite")
        let (signer, verifier) = try SampleLog.keyPair(in: folder)
        try await SampleLog.decisions(at: path, signer: signer)
        let seal = try #require(try RawSQL.seqs(path, kind: "checkpoint").last)
        try RawSQL.execute(path, "DELETE FROM audit_record WHERE seq = ?", [seal])
        try RawSQL.execute(path, "UPDATE audit_meta SET value = ? WHERE key = 'last_seq'", [String(seal - 1)])
        let found = try #require(try ChainVerifier.verify(path: path, options: .init(publicKey: verifier)).problem)
        #expect((found.seq, found.kind) == (seal, .truncatedTail))
    }

    @Test("key files are refused with the file named when they are not in the format")
    func badKeyFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("bad.pub")
        try Data("ssh-ed25519 AAAA".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: AuditError.self) { try CheckpointVerifier(publicKeyFile: path) }
        do {
            _ = try CheckpointVerifier(publicKeyFile: path)
        } catch {
            #expect("\(error)".contains(path))
            #expect("\(error)".contains("flowgate-audit-ed25519-public-v1"))
        }
    }
}
