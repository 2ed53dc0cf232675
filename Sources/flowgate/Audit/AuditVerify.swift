import ArgumentParser
import Audit

struct AuditVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the record's hash chain, checkpoint signatures, signed head and end.",
        discussion: """
            Several records (one per gateway instance of a cluster) are verified each on its own, a summary line \
            each. Exit 0 with a one-line summary when the record is intact. Exit 1 naming the first bad record (seq) \
            and what is wrong: modified, deleted, inserted, reordered, bad signature or truncated tail. Exit 2 \
            when the file cannot be read as an audit record (or the key or checkpoint file cannot be read). \
            Without --public-key the chain proves only that it is consistent: anyone with write access to the \
            file can recompute it. With it, every signed checkpoint and the signed head are checked. With \
            --checkpoint, every checkpoint the record published to that file must be in it: a record cut back \
            to before a published checkpoint fails. Docs/RECORD.md explains each message and the limits.
            """
    )

    @Argument(
        help: "The audit databases (SQLite): one, or one per gateway instance of a cluster, each verified on its own.",
        completion: .file())
    var databases: [String]

    @Option(
        help: ArgumentHelp(
            "Check every checkpoint's signature with this public key file (from `flowgate audit keygen`): once for "
                + "every record, or once per record in the records' order.", valueName: "file"))
    var publicKey: [String] = []

    @Option(
        help: ArgumentHelp(
            "A file of checkpoints the record published (audit.checkpoint.note_file, or a copy kept from the "
                + "retained topic): each one of this record's must be in it. Once for every record, or once per "
                + "record in the records' order.", valueName: "file"),
        completion: .file())
    var checkpoint: [String] = []

    @Flag(help: "Accept a record without a final stop (a gateway still running, or one that crashed).")
    var allowOpen = false

    func validate() throws {
        guard !databases.isEmpty else { throw ValidationError("name at least one audit database") }
        for (name, values) in [("--public-key", publicKey), ("--checkpoint", checkpoint)]
        where values.count > 1 && values.count != databases.count {
            throw ValidationError(
                "\(name) is given \(values.count) times for \(databases.count) records: give it once, or once per record"
            )
        }
    }

    /// The option's value for the record at `index`: the only one, or the record's own.
    private static func value(_ values: [String], at index: Int) -> String? {
        values.count == 1 ? values[0] : values.indices.contains(index) ? values[index] : nil
    }

    func run() throws {
        var allIntact = true
        var unreadable = false
        for (index, database) in databases.enumerated() {
            let report: VerifyReport
            do {
                let key = try Self.value(publicKey, at: index).map { path throws(AuditError) in
                    try CheckpointVerifier(publicKeyFile: path)
                }
                let notes = try Self.value(checkpoint, at: index).map { path throws(AuditError) in
                    try CheckpointNoteFile(path: path)
                }
                report = try ChainVerifier.verify(
                    path: database,
                    options: .init(publicKey: key, allowOpenTail: allowOpen, publishedCheckpoints: notes))
            } catch {
                StandardError.print("\(database): \(error)")
                unreadable = true
                continue
            }
            print("\(database): \(report.summary)")
            allIntact = allIntact && report.isIntact
        }
        if unreadable { throw ExitCode.cannotRun }
        if !allIntact { throw ExitCode.checkFailed }
    }
}
