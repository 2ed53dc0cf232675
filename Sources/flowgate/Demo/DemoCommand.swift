import Airspace
import ArgumentParser
import Foundation
import Gateway
import Geo
import Logging
import Simulation

/// `flowgate demo`: the whole thing on a laptop, in one command.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run a training exercise through a private broker and the gateway, then review and score it.",
        discussion: """
            Starts the system's mosquitto on a free loopback port with the deployment's broker settings (each \
            client id bound to its account), the ACL `flowgate config acl` writes for the exercise's drones, and \
            fresh random credentials, the gateway in this process on the scenario's site bundle with its audit \
            record in --out, and the exercise (training-day unless --scenario is given) at --speed times real \
            time, one MQTT client per drone. While it runs, a live view shows what is forwarded, redacted and \
            blocked, by reason and per drone. At the end the gateway shuts down gracefully, and the HTML review \
            report, the recording, the ground truth and the audit record are in --out; the scorecard (from the \
            audit record) and the record's verification are printed. Exits 1 when a fault is not fully caught or \
            compliant traffic was blocked, 130 when interrupted (the broker is stopped in every case).
            """
    )

    @Option(help: "The scenario file (JSON).", completion: .file(extensions: ["json"]))
    var scenario = "Simulator/Scenarios/training-day.json"

    @Option(help: "How many times faster than real time the exercise runs.")
    var speed: Double = 25

    @Option(help: "Where the audit record, report, recording and truth go (created; earlier demo files replaced).")
    var out = ".build/demo"

    @Option(help: "Seed of the random parts; the scenario's own seed by default.")
    var seed: UInt64?

    @Option(
        help: "A complete ACL file for the broker, instead of the one written for the exercise.", completion: .file())
    var acl: String?

    @Option(
        help: ArgumentHelp(
            "Make each drone's client pause this many milliseconds before every message: a slow machine, for tests.",
            visibility: .hidden))
    var publishSlowdownMs: Int = 0

    @Flag(help: "Serve the live console: the map, the event feed, four-eyes release and the exercise controls.")
    var console = false

    @Option(help: ArgumentHelp("Where the live console listens (HOST:PORT).", valueName: "address"))
    var consoleAddress = "127.0.0.1:8480"

    @Option(
        help: ArgumentHelp(
            "Seconds the console stays up after the exercise to show the scorecard (default: until Ctrl-C).",
            visibility: .hidden))
    var consoleLinger: Double?

    func validate() throws {
        guard speed > 0, speed.isFinite else { throw ValidationError("--speed must be above 0") }
    }

    func run() async throws {
        let exercise: Exercise
        do {
            exercise = try Exercise.load(URL(fileURLWithPath: scenario))
        } catch {
            StandardError.print(error.description)
            throw ExitCode.checkFailed
        }
        let files = try DemoFiles(folder: out)
        let liveConsole =
            console
            ? try DemoConsole(address: consoleAddress, files: files, exercise: exercise, linger: consoleLinger) : nil
        let status: DemoOutcome
        do {
            status = try await DemoRun(
                exercise: exercise, files: files, speed: speed, seed: seed, acl: acl,
                slowdown: publishSlowdownMs > 0 ? .milliseconds(publishSlowdownMs) : nil, console: liveConsole
            ).run()
        } catch let error as DemoError {
            await liveConsole?.stop()
            StandardError.print("demo: \(error)")
            throw ExitCode.failure
        }
        switch status {
        case .interrupted:
            await liveConsole?.stop()
            StandardError.print("demo: interrupted; the broker is stopped and the record closed")
            throw ExitCode.interrupted
        case .finished:
            let review = Result { try DemoReview(files: files, scenario: exercise.scenario).finish() }
            if let liveConsole {
                let card = try? AuditDecisions.scorecard(
                    truth: TruthFile(path: files.truth.path), audit: [files.audit.path])
                await liveConsole.finish(scorecard: card)
            }
            try review.get()
        }
    }
}

/// The files of one demo run, in one folder.
struct DemoFiles {
    let folder: URL
    var audit: URL { folder.appendingPathComponent("audit.sqlite") }
    /// The key that signs the record's checkpoints, made afresh for each demo (`flowgate audit keygen`).
    var signingKey: URL { folder.appendingPathComponent("audit.key") }
    var publicKey: URL { folder.appendingPathComponent("audit.key.pub") }
    /// Every signed checkpoint as published (C2SP signed notes): what an oversight body would keep.
    var checkpoints: URL { folder.appendingPathComponent("audit.checkpoints") }
    var report: URL { folder.appendingPathComponent("report.html") }
    var recording: URL { folder.appendingPathComponent("recording.jsonl") }
    var truth: URL { folder.appendingPathComponent("truth.jsonl") }
    var broker: URL { folder.appendingPathComponent("broker") }
    /// The live console's operators (`flowgate demo --console`), with this demo's passwords as bcrypt hashes.
    var consoleOperators: URL { folder.appendingPathComponent("console-operators") }

    /// Creates the folder, removes the files of an earlier demo (a record would otherwise go on with its chain,
    /// and the scorecard would count the earlier run's decisions) and makes the signing key.
    init(folder path: String) throws {
        folder = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            // The record with its WAL files and successor files, its key and published checkpoints, the rest.
            let earlier = (try manager.contentsOfDirectory(atPath: folder.path)).filter { name in
                name.hasPrefix("audit.sqlite") || name.hasPrefix("audit.successor-")
                    || [
                        "audit.key", "audit.key.pub", "audit.checkpoints", "report.html", "recording.jsonl",
                        "truth.jsonl",
                    ]
                    .contains(name)
            }
            for name in earlier { try manager.removeItem(at: folder.appendingPathComponent(name)) }
            try? manager.removeItem(at: broker)
            try manager.createDirectory(at: broker, withIntermediateDirectories: true)
        } catch {
            throw CommandFailure("cannot prepare the output folder '\(folder.path)': \(error.localizedDescription)")
        }
        _ = try AuditKeygen.generate(out: signingKey.path, force: true)
    }
}
