import ArgumentParser

/// `flowgate audit`: the tamper-evident record itself.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Verify the audit record and make checkpoint signing keys.",
        subcommands: [AuditVerify.self, AuditKeygen.self]
    )
}
