import ArgumentParser

struct ZonesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zones",
        abstract: "Check, query and import zone bundles (ED-269, ED-318), and reload a running gateway's.",
        subcommands: [ZonesCheck.self, ZonesQuery.self, ZonesImport.self, ZonesReload.self]
    )
}
