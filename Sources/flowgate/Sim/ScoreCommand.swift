import ArgumentParser
import Foundation
import Simulation

/// Scores `flowgate replay` output against an exercise's ground truth. `flowgate review score` prints the same
/// scorecard from a live run's audit record: two commands because the decisions come from two different inputs,
/// and each sits with the other commands on its input (see both commands' help).
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score a gateway's decisions against the ground truth of an exercise.",
        discussion: """
            Messages are matched by topic and payload digest (repeats in order). Prints the confusion matrix of \
            verdicts (withhold and reject count as block), each reason's true and false positives, false \
            negatives, precision and recall, each fault's recall, false blocks of compliant traffic and missing \
            messages. Exits 1 when a threshold given is not met, 2 when an input cannot be read. The decisions \
            here are 'flowgate replay' output (an exercise run offline); for the audit record of a live run (sim \
            run, demo, a gateway in service) use 'flowgate review score', which prints the same scorecard.
            """
    )

    @Option(help: "The ground truth (JSON lines from 'flowgate sim generate' or 'run').", completion: .file())
    var truth: String

    @Option(help: "The decisions: output of 'flowgate replay' (JSON lines with topic, digest, verdict, reasons).")
    var replay: String

    @OptionGroup var thresholds: ScoreThresholdOptions

    func run() throws {
        let truthLines = try ScoreCommand.read(truth) { line throws(ScoringInputError) in try TruthLine(line: line) }
        let decisions = try ScoreCommand.read(replay) { line throws(ScoringInputError) in
            try ActualDecision.replayLine(line)
        }
        let card = Scorecard.score(truth: truthLines, actual: decisions)
        print(card.report())
        try thresholds.check(card)
    }

    /// Every non-blank line of a file, read with `parse` (which may skip a line by returning `nil`); a line
    /// that cannot be read stops the scoring with its file, line number and field.
    static func read<T>(_ path: String, _ parse: (String) throws(ScoringInputError) -> T?) throws -> [T] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            StandardError.print("cannot read '\(path)'")
            throw ExitCode.cannotRun
        }
        var result: [T] = []
        for (index, line) in LineReader(handle).enumerated() where !line.allSatisfy(\.isWhitespace) {
            do {
                if let item = try parse(line) { result.append(item) }
            } catch {
                StandardError.print("\(path): line \(index + 1): \(error)")
                throw ExitCode.cannotRun
            }
        }
        return result
    }
}
