import ArgumentParser
import Audit

struct AuditVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the record's hash chain, checkpoint signatures and end.",
        discussion: """
            Exit 0 with a one-line summary when the record is intact. Exit 1 naming the first bad record (seq) \
            and what is wrong: modified, deleted, inserted, reordered, bad signature or truncated tail. Exit 2 \
            when the file cannot be read as an audit record. Docs/RECORD.md explains each message and the limits.
            """
    )

    @Argument(help: "The audit database (SQLite).", completion: .file())
    var database: String

    @Option(help: "Check every checkpoint's signature with this public key file (from `flowgate audit keygen`).")
    var publicKey: String?

    @Flag(help: "Accept a record without a final stop (a gateway still running, or one that crashed).")
    var allowOpen = false

    func run() throws {
        let report: VerifyReport
        do {
            let key = try publicKey.map { path throws(AuditError) in try CheckpointVerifier(publicKeyFile: path) }
            report = try ChainVerifier.verify(
                path: database, options: .init(publicKey: key, allowOpenTail: allowOpen))
        } catch {
            StandardError.print("\(error)")
            throw ExitCode(2)
        }
        print("\(database): \(report.summary)")
        if !report.isIntact { throw ExitCode(1) }
    }
}
