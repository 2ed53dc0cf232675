import ArgumentParser

/// `flowgate console`: the live console's operators.
struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Manage the live console's operators (the console itself: flowgate run --console, demo --console).",
        subcommands: [ConsoleAddOperator.self]
    )
}
