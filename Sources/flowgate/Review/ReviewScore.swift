import ArgumentParser
import Audit
import Foundation
import Simulation

/// `flowgate review score`: the scorecard of a live run, from its audit record instead of `flowgate replay` output.
struct ReviewScore: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score the decisions in an audit record against the ground truth of an exercise.",
        discussion: """
            The record holds every decision that is not a plain forward (Docs/RECORD.md), so a truth message \
            whose topic and payload digest have no decision record counts as forwarded with no reasons; repeated \
            messages match in order. Prints the same scorecard as 'flowgate sim score', which reads the \
            decisions from 'flowgate replay' output instead: two commands because they read two different \
            inputs, each next to the other commands on it. Exits 1 when a threshold given is not met, 2 when an \
            input cannot be read.
            """
    )

    @Option(
        help: "The ground truth (JSON lines from 'flowgate sim generate', 'sim run' or 'demo').", completion: .file())
    var truth: String

    @Option(
        help: ArgumentHelp(
            "The audit database (SQLite) the gateway wrote during the exercise; repeat it for the records of "
                + "several gateway instances (a cluster), which are scored together."),
        completion: .file())
    var audit: [String] = []

    func validate() throws {
        guard !audit.isEmpty else { throw ValidationError("Missing expected argument '--audit <audit>'") }
    }

    @OptionGroup var thresholds: ScoreThresholdOptions

    func run() throws {
        let truthFile = try TruthFile(path: truth)
        let card: Scorecard
        do {
            card = try AuditDecisions.scorecard(truth: truthFile, audit: audit)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            StandardError.print("\(error)")
            throw ExitCode.cannotRun
        }
        print(card.report())
        try thresholds.check(card)
    }
}

/// The thresholds a scorecard is checked against, as command-line options.
struct ScoreThresholdOptions: ParsableArguments {
    @Option(help: "Least recall every reason must reach (0 to 1).")
    var minRecall: Double?

    @Option(help: "Least precision every reason must reach (0 to 1).")
    var minPrecision: Double?

    @Option(help: "Least recall every fault must reach (0 to 1).")
    var minFaultRecall: Double?

    @Option(help: "Most compliant messages the gateway may block or redact.")
    var maxFalseBlocks: Int?

    @Option(help: "Most messages that may be missing from the decisions.")
    var maxMissing: Int?

    var values: ScoreThresholds {
        ScoreThresholds(
            minimumRecall: minRecall, minimumPrecision: minPrecision, minimumFaultRecall: minFaultRecall,
            maximumFalseBlocks: maxFalseBlocks, maximumMissing: maxMissing)
    }

    /// Prints every threshold not met and exits with status 1; returns when all are met.
    func check(_ card: Scorecard) throws {
        try ScoreThresholdOptions.check(card, values)
    }

    static func check(_ card: Scorecard, _ thresholds: ScoreThresholds) throws {
        let failures = card.failures(thresholds)
        guard failures.isEmpty else {
            print("")
            print("FAILED: \(failures.count) threshold\(failures.count == 1 ? "" : "s") not met")
            for failure in failures { print("  - \(failure)") }
            throw ExitCode.checkFailed
        }
    }
}
