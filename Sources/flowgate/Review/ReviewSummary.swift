import ArgumentParser
import Review

struct ReviewSummary: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract:
            "Per drone and mission: time flown, time in breach, messages forwarded, redacted, blocked by reason, suspensions."
    )

    @OptionGroup var options: ReviewOptions

    func run() throws {
        let (_, run) = try options.load()
        print(RunSummary.text(RunSummary.build(run)), terminator: "")
    }
}
