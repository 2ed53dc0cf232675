import ArgumentParser

struct ZonesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zones",
        abstract: "Check zone and authorisation bundles, query them, and import ED-269 or ED-318 zones.",
        subcommands: [ZonesCheck.self, ZonesQuery.self, ZonesImport.self]
    )
}
