import ArgumentParser

/// `flowgate review`: post-incident review over the audit record.
struct ReviewCommand: ParsableCommand {
    /// The review subcommands; add new ones here.
    static let subcommandList: [any ParsableCommand.Type] = [
        ReviewSummary.self, ReviewTimeline.self, ReviewExport.self, ReviewReport.self, ReviewScore.self,
    ]

    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review the audit record: summaries, the timeline, exports and the HTML map report.",
        discussion: """
            Every subcommand takes the database and the filters --drone, --mission, --from and --to (RFC 3339, \
            the interval [from, to)). Docs/RECORD.md says where each number comes from.
            """,
        subcommands: subcommandList
    )
}
