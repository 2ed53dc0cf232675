import Crypto
import Foundation
import StrictJSON
import TestSupport
import Testing

@testable import Audit

/// Each signed checkpoint is published outside the database as it is made: appended to a note file in the C2SP
/// signed-note checkpoint format, and handed to the gateway for its retained topic. A record cut back to before
/// a published checkpoint (which looks like a crash from the file alone) fails `verify` against them.
@Suite("Published checkpoints (C2SP signed notes)")
struct PublishedCheckpointTests {
    let folder: TemporaryFolder
    let path: String
    let notes: String
    let signer: CheckpointSigner
    let verifier: CheckpointVerifier

    init() throws {
        folder = try TemporaryFolder()
        path = folder.path("audit.sqlite")
        notes = folder.path("audit.checkpoints")
        (signer, verifier) = try SampleLog.keyPair(in: folder)
    }

    @Test("every checkpoint is appended as a signed note that verifies by the signed-note specification alone")
    func noteFormat() async throws {
        try await SampleLog.decisions(at: path, signer: signer, notes: notes)
        let text = try String(contentsOfFile: notes, encoding: .utf8)
        let checkpoints = try AuditReader(path: path).records(RecordFilter(kinds: [.checkpoint]))
        // Each note: origin, tree size, root hash, a blank line, the signature line; then a blank line.
        let lines = text.components(separatedBy: "\n")
        #expect(lines.count == checkpoints.count * 6 + 1)
        #expect(lines.last == "")
        let publicKey = try Curve25519.Signing.PublicKey(rawRepresentation: verifier.rawKey)
        let keyName = "flowgate-audit/\(verifier.keyID)"
        var keyID = Data(keyName.utf8)
        keyID.append(contentsOf: [0x0A, 0x01])
        keyID.append(verifier.rawKey)
        keyID = Data(SHA256.hash(data: keyID).prefix(4))
        let records = try AuditReader(path: path).records()
        for (index, checkpoint) in checkpoints.enumerated() {
            let note = Array(lines[(index * 6)..<(index * 6 + 6)])
            #expect(note[0] == "\(keyName)/audit.sqlite")
            let covered = try #require(checkpoint.fields["covers_seq"]?.doubleValue)
            #expect(note[1] == String(Int(covered)))
            let record = try #require(records.first { $0.seq == Int64(covered) })
            #expect(note[2] == record.hash.base64EncodedString(), "the root hash is the chain head's hash")
            #expect(checkpoint.fields["origin"]?.stringValue == note[0])
            #expect(note[3] == "" && note[5] == "")
            #expect(note[4].hasPrefix("\u{2014} \(keyName) "))
            let bytes = try #require(Data(base64Encoded: String(note[4].dropFirst(keyName.count + 3))))
            #expect(bytes.prefix(4) == keyID)
            let signedText = note[0...2].joined(separator: "\n") + "\n"
            #expect(publicKey.isValidSignature(bytes.dropFirst(4), for: Data(signedText.utf8)))
        }
        #expect(verifier.noteVerifierKey.hasPrefix("\(keyName)+\(Hex.encode(keyID))+"))
    }

    @Test("the log hands each checkpoint's note to its reader as it is committed, the seal last")
    func stream() async throws {
        let log = try AuditLog.open(
            path: path, options: SampleLog.options(signer: signer, notes: notes), now: SampleLog.time(0))
        let reader = Task { await Self.collect(log.checkpointNotes) }
        for index in 0..<25 { try await log.record(SampleLog.decision(index)) }
        try await log.close(now: SampleLog.time(25))
        let streamed = await reader.value
        #expect(streamed == (try CheckpointNoteFile(path: notes)).entries.map(\.note))
        #expect(streamed.count == 3)
        #expect(streamed.last?.treeSize == (try RawSQL.seqs(path, kind: "stop")).last)
        #expect(streamed.allSatisfy { $0.isSigned(by: verifier) })
        // Without a key there is nothing to publish, and the stream ends at once.
        let unsigned = try AuditLog.open(path: folder.path("unsigned.sqlite"), now: SampleLog.time(0))
        #expect(await Self.collect(unsigned.checkpointNotes).isEmpty)
        try await unsigned.close()
    }

    private static func collect(_ stream: AsyncStream<CheckpointNote>) async -> [CheckpointNote] {
        var notes: [CheckpointNote] = []
        for await note in stream { notes.append(note) }
        return notes
    }

    @Test("the tail cut together with the latest checkpoint passes --allow-open, but not the published checkpoints")
    func cutTail() async throws {
        try await SampleLog.decisions(at: path, signer: signer, notes: notes)
        let checkpoints = try RawSQL.seqs(path, kind: "checkpoint")
        let latestPeriodic = checkpoints[checkpoints.count - 2]
        try ChainForgery.cut(from: latestPeriodic - 3, in: path)
        #expect(try ChainVerifier.verify(path: path, options: .init(allowOpenTail: true)).isIntact)

        let published = try CheckpointNoteFile(path: notes)
        let report = try ChainVerifier.verify(
            path: path, options: .init(allowOpenTail: true, publishedCheckpoints: published))
        let problem = try #require(report.problem)
        #expect(problem.kind == .truncatedTail)
        #expect(problem.seq == latestPeriodic - 3)
        #expect(problem.detail.contains("published for seq \(latestPeriodic - 1) (\(notes) line "))
        #expect(problem.detail.contains("which ends at seq \(latestPeriodic - 4)"))
        #expect(problem.detail.contains("and 1 later published checkpoints"))
        #expect(report.publishedCheckpoints == checkpoints.count - 2)

    }

    @Test("a record recomputed from the start, checkpoints included, passes without the key, not the published ones")
    func recomputedRecord() async throws {
        try await SampleLog.decisions(at: path, signer: signer, notes: notes)
        try ChainForgery.rewrite(from: 5, in: path, coveringCheckpoints: true) { records in
            records.filter { $0.seq != 5 }
        }
        try RawSQL.execute(path, "DELETE FROM audit_meta WHERE key = 'signed_head'")
        #expect(try ChainVerifier.verify(path: path).isIntact)
        let first = try #require(try CheckpointNoteFile(path: notes).entries.first)
        let problem = try #require(
            try ChainVerifier.verify(path: path, options: .init(publishedCheckpoints: CheckpointNoteFile(path: notes)))
                .problem)
        #expect(problem.kind == .modified)
        #expect(problem.seq == first.note.treeSize)
        #expect(problem.detail.contains("rewritten after it was published"))
        #expect(!(try ChainVerifier.verify(path: path, options: .init(publicKey: verifier)).isIntact))
    }

    @Test("an intact record verifies against its published checkpoints, with the key and the signed head")
    func intact() async throws {
        try await SampleLog.decisions(at: path, signer: signer, notes: notes)
        let report = try ChainVerifier.verify(
            path: path, options: .init(publicKey: verifier, publishedCheckpoints: CheckpointNoteFile(path: notes)))
        #expect(report.isIntact, "\(report.summary)")
        #expect(report.publishedCheckpoints == 5)
        #expect(report.signedHeadSeq == report.lastSeq)
        #expect(report.summary.contains("5 published checkpoints found in the record"))
        #expect(report.summary.hasSuffix("ends with stop"))
    }

    @Test("a published checkpoint whose signature is not the key's fails with the key")
    func forgedNote() async throws {
        try await SampleLog.decisions(at: path, signer: signer, notes: notes)
        var text = try String(contentsOfFile: notes, encoding: .utf8)
        let signature = try #require(text.split(separator: "\n").first { $0.hasPrefix("\u{2014} ") })
        let name = signature.split(separator: " ")[1]
        let forged = "\u{2014} \(name) " + Data(repeating: 9, count: 68).base64EncodedString()
        text = text.replacingOccurrences(of: String(signature), with: forged)
        try text.write(toFile: notes, atomically: true, encoding: .utf8)
        let problem = try #require(
            try ChainVerifier.verify(
                path: path, options: .init(publicKey: verifier, publishedCheckpoints: CheckpointNoteFile(path: notes))
            ).problem)
        #expect(problem.kind == .badSignature)
        #expect(problem.detail.contains("is not signed by the given public key"))
    }

    @Test("checkpoints of another record only: this record's are missing")
    func anotherRecord() async throws {
        try await SampleLog.decisions(at: folder.path("other.sqlite"), signer: signer, notes: notes)
        try await SampleLog.decisions(at: path, signer: signer)
        let problem = try #require(
            try ChainVerifier.verify(path: path, options: .init(publishedCheckpoints: CheckpointNoteFile(path: notes)))
                .problem)
        #expect(problem.kind == .deleted)
        #expect(problem.detail.contains("holds no checkpoint of this record"))
    }

    @Test("a malformed note file is refused, naming its line")
    func malformed() throws {
        try "flowgate-audit/x/audit.sqlite\n012\nAAAA\n\n\u{2014} k AAAAAAAA\n".write(
            toFile: notes, atomically: true, encoding: .utf8)
        #expect(
            throws: AuditError.checkpointNotes(
                path: notes, problem: "line 2: the tree size is not a decimal number without leading zeroes")
        ) {
            try CheckpointNoteFile(path: notes)
        }
    }
}
