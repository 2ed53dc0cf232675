import Foundation
import TestSupport
import Testing

@Suite("flowgate audit on the command line")
struct CommandLineTests {
    @Test("verify exits 0 with a summary when intact and 1 naming the first bad record when not")
    func verifyExitStatus() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("audit.sqlite")
        try await SampleLog.decisions(at: path)
        let intact = try await FlowgateProcess.run(["audit", "verify", path])
        #expect(intact.status == 0)
        #expect(intact.stdout.contains("intact: 42 records"))
        try RawSQL.execute(path, "DELETE FROM audit_record WHERE seq = 7")
        let broken = try await FlowgateProcess.run(["audit", "verify", path])
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("NOT INTACT: seq 7: deleted"))
        #expect(try await FlowgateProcess.run(["audit", "verify", folder.path("missing.sqlite")]).status == 2)
    }

    @Test("verify takes several records (one per gateway instance), each verified on its own, options once or each")
    func verifySeveralRecords() async throws {
        let folder = try TemporaryFolder()
        let (first, second) = (folder.path("gw-a.sqlite"), folder.path("gw-b.sqlite"))
        try await SampleLog.decisions(at: first)
        try await SampleLog.decisions(at: second)
        let intact = try await FlowgateProcess.run(["audit", "verify", first, second])
        #expect(intact.status == 0, "\(intact.stderr)")
        #expect(intact.stdout.contains("\(first): intact") && intact.stdout.contains("\(second): intact"))
        try RawSQL.execute(second, "DELETE FROM audit_record WHERE seq = 7")
        let broken = try await FlowgateProcess.run(["audit", "verify", first, second])
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("\(first): intact"), "the intact one is still reported")
        #expect(broken.stdout.contains("\(second): NOT INTACT: seq 7: deleted"))
        let unreadable = try await FlowgateProcess.run(["audit", "verify", first, folder.path("missing.sqlite")])
        #expect(unreadable.status == 2)
        #expect(unreadable.stdout.contains("\(first): intact"))
        let mismatched = try await FlowgateProcess.run([
            "audit", "verify", first, second, folder.path("third.sqlite"), "--public-key", "a", "--public-key", "b",
        ])
        #expect(mismatched.status != 0)
        #expect(mismatched.stderr.contains("--public-key is given 2 times for 3 records"))
    }

    @Test("verify --checkpoint fails a record cut back before a published checkpoint, which --allow-open accepts")
    func verifyAgainstPublishedCheckpoints() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("audit.sqlite")
        let notes = folder.path("audit.checkpoints")
        let (signer, _) = try SampleLog.keyPair(in: folder)
        try await SampleLog.decisions(at: path, signer: signer, notes: notes)
        let key = folder.path("key.pub")
        let intact = try await FlowgateProcess.run([
            "audit", "verify", path, "--public-key", key, "--checkpoint", notes,
        ])
        #expect(intact.status == 0)
        #expect(intact.stdout.contains("signed head at seq 47 valid, 5 published checkpoints found in the record"))
        try ChainForgery.cut(from: 40, in: path)
        #expect(try await FlowgateProcess.run(["audit", "verify", path, "--allow-open"]).status == 0)
        let cut = try await FlowgateProcess.run(["audit", "verify", path, "--allow-open", "--checkpoint", notes])
        #expect(cut.status == 1)
        #expect(cut.stdout.contains("NOT INTACT: seq 40: truncated tail: the checkpoint published for seq 43 ("))
        let missing = try await FlowgateProcess.run(["audit", "verify", path, "--checkpoint", folder.path("none")])
        #expect(missing.status == 2)
    }

    @Test("keygen writes a key pair that signs and verifies")
    func keygen() async throws {
        let folder = try TemporaryFolder()
        let made = try await FlowgateProcess.run(["audit", "keygen", "--out", folder.path("audit.key")])
        #expect(made.status == 0)
        #expect(made.stdout.contains("signed-note verifier key: flowgate-audit/"))
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.path("audit.key"))
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try await FlowgateProcess.run(["audit", "keygen", "--out", folder.path("audit.key")]).status != 0)
    }
}
