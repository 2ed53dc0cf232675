import ArgumentParser

struct ZonesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zones",
        abstract: "Check zone and authorisation bundles and query them.",
        subcommands: [ZonesCheck.self, ZonesQuery.self]
    )
}
