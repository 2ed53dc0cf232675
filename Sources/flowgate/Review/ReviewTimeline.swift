import ArgumentParser
import Review

struct ReviewTimeline: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Events and decisions in order: one line each, or JSON lines with --json."
    )

    @OptionGroup var options: ReviewOptions

    @Flag(help: "One JSON object per line (the record's columns and body) instead of text.")
    var json = false

    func run() throws {
        let (_, run) = try options.load()
        let entries = Timeline.entries(run)
        print(json ? Timeline.jsonLines(entries) : Timeline.text(entries), terminator: "")
    }
}
