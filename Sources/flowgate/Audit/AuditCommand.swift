import ArgumentParser

/// `flowgate audit`: the tamper-evident record itself.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Verify the audit record, make checkpoint signing keys, and measure the record's writer.",
        subcommands: [AuditVerify.self, AuditKeygen.self, AuditBench.self]
    )
}
