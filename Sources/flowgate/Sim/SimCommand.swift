import ArgumentParser
import Foundation
import Simulation

/// `flowgate sim`: training exercises from scenario files, their ground truth and the scorecard.
struct SimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Simulate drone exercises, write their ground truth, and score a gateway against it.",
        discussion: """
            A scenario (format in Simulator/README.md) names a site bundle, drones with routes and payload \
            streams, a crowd and scripted faults. 'generate' writes its messages as a recording and the ground \
            truth offline; 'run' publishes them over MQTT on schedule; 'score' compares a gateway's decisions \
            with the truth.
            """,
        subcommands: [SimGenerateCommand.self, SimRunCommand.self, ScoreCommand.self]
    )
}

/// The scenario file and seed shared by `generate` and `run`.
struct ScenarioArguments: ParsableArguments {
    @Argument(help: "The scenario file (JSON).", completion: .file(extensions: ["json"]))
    var scenario: String

    @Option(help: "Seed of the random parts (crowd counts, noise); the scenario's own seed by default.")
    var seed: UInt64?

    /// Loads and checks the scenario, or prints every problem and exits with status 1.
    func load() throws -> Exercise {
        do {
            return try Exercise.load(URL(fileURLWithPath: scenario))
        } catch {
            StandardError.print(error.description)
            throw ExitCode.checkFailed
        }
    }
}

/// Writes recording and truth lines to files as messages go by.
struct ExerciseFiles {
    let record: FileHandle?
    let truth: FileHandle?

    init(record: String?, truth: String?) throws {
        self.record = try record.map(ExerciseFiles.create)
        self.truth = try truth.map(ExerciseFiles.create)
    }

    static func create(_ path: String) throws -> FileHandle {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw CommandFailure("cannot write '\(path)'") }
        return handle
    }

    func write(_ message: SimulatedMessage) {
        record?.write(Data((RecordingLine.line(message) + "\n").utf8))
        truth?.write(Data((message.truth.json + "\n").utf8))
    }

    func close() {
        try? record?.close()
        try? truth?.close()
    }
}

struct SimGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a scenario's messages as a recording, and their ground truth, without a broker.",
        discussion: """
            The recording is in the format 'flowgate replay' reads; the truth has one JSON line per message: \
            index, time, topic, digest (SHA-256 of the payload bytes), kind, expected verdict, reasons and fault. \
            The same scenario and seed always give the same files, byte for byte.
            """
    )

    @OptionGroup var scenario: ScenarioArguments

    @Option(help: "Where to write the recording (JSON lines).", completion: .file())
    var record: String

    @Option(help: "Where to write the ground truth (JSON lines).", completion: .file())
    var truth: String

    func run() throws {
        let exercise = try scenario.load()
        let files = try ExerciseFiles(record: record, truth: truth)
        defer { files.close() }
        var counts: [ExpectedVerdict: Int] = [:]
        for message in exercise.messages(seed: scenario.seed) {
            files.write(message)
            counts[message.truth.expected, default: 0] += 1
        }
        StandardError.print(
            "\(exercise.scenario.name): "
                + ExpectedVerdict.allCases.map { "\(counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", "))
    }
}
