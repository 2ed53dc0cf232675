import ArgumentParser
import Audit

struct AuditVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the record's hash chain, checkpoint signatures, signed head and end.",
        discussion: """
            Exit 0 with a one-line summary when the record is intact. Exit 1 naming the first bad record (seq) \
            and what is wrong: modified, deleted, inserted, reordered, bad signature or truncated tail. Exit 2 \
            when the file cannot be read as an audit record (or the key or checkpoint file cannot be read). \
            Without --public-key the chain proves only that it is consistent: anyone with write access to the \
            file can recompute it. With it, every signed checkpoint and the signed head are checked. With \
            --checkpoint, every checkpoint the record published to that file must be in it: a record cut back \
            to before a published checkpoint fails. Docs/RECORD.md explains each message and the limits.
            """
    )

    @Argument(help: "The audit database (SQLite).", completion: .file())
    var database: String

    @Option(help: "Check every checkpoint's signature with this public key file (from `flowgate audit keygen`).")
    var publicKey: String?

    @Option(
        help: ArgumentHelp(
            "A file of checkpoints the record published (audit.checkpoint.note_file, or a copy kept from the "
                + "retained topic): each one of this record's must be in it.", valueName: "file"),
        completion: .file())
    var checkpoint: String?

    @Flag(help: "Accept a record without a final stop (a gateway still running, or one that crashed).")
    var allowOpen = false

    func run() throws {
        let report: VerifyReport
        do {
            let key = try publicKey.map { path throws(AuditError) in try CheckpointVerifier(publicKeyFile: path) }
            let notes = try checkpoint.map { path throws(AuditError) in try CheckpointNoteFile(path: path) }
            report = try ChainVerifier.verify(
                path: database,
                options: .init(publicKey: key, allowOpenTail: allowOpen, publishedCheckpoints: notes))
        } catch {
            StandardError.print("\(error)")
            throw ExitCode.cannotRun
        }
        print("\(database): \(report.summary)")
        if !report.isIntact { throw ExitCode.checkFailed }
    }
}
