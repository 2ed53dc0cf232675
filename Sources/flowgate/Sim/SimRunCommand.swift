import ArgumentParser
import Foundation
import Geo
import Simulation
import Synchronization

struct SimRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Publish a scenario's messages over MQTT on schedule, one client per drone.",
        discussion: """
            Each drone connects with its id as the MQTT username (so the broker's ACLs apply) and publishes its \
            telemetry and payload at QoS 1 when the exercise clock reaches each message's time. The clock starts \
            at the scenario's start at the anchor (a second from now unless --anchor-unix-ms is given, so that a \
            gateway can share it) and runs --speed times faster than real time. Progress goes to standard error: \
            one refreshed line on a terminal, a line every 10 % otherwise.
            """
    )

    @OptionGroup var scenario: ScenarioArguments

    @Option(help: "The broker's host.")
    var host = "127.0.0.1"

    @Option(help: "The broker's port.")
    var port: Int = 1883

    @Option(help: "How many times faster than real time the exercise runs.")
    var speed: Double = 1

    @Option(help: "Where to write the recording of what was published (JSON lines).", completion: .file())
    var record: String?

    @Option(help: "Where to write the ground truth (JSON lines).", completion: .file())
    var truth: String?

    @Option(help: "Drone passwords: lines 'drone:password' (the drone id is the MQTT username).", completion: .file())
    var credentials: String?

    @Option(help: "Wall-clock instant (Unix ms) at which scenario time is the scenario's start.")
    var anchorUnixMs: Int64?

    @Option(
        help: ArgumentHelp(
            "Make each drone's client pause this many milliseconds before every message: a slow machine, for tests.",
            visibility: .hidden))
    var publishSlowdownMs: Int = 0

    func validate() throws {
        guard speed > 0, speed.isFinite else { throw ValidationError("--speed must be above 0") }
    }

    func run() async throws {
        let exercise = try scenario.load()
        let passwords = try credentials.map(SimRunCommand.readCredentials) ?? [:]
        let anchor = anchorUnixMs.map { Date(timeIntervalSince1970: Double($0) / 1000) } ?? Date().addingTimeInterval(1)
        let clock = ExerciseClock(start: exercise.scenario.start, anchor: anchor, rate: speed)
        let files = try ExerciseFiles(record: record, truth: truth)
        defer { files.close() }
        let display = ProgressDisplay(terminal: isatty(2) == 1, name: exercise.scenario.name)
        var publisher = ExercisePublisher(host: host, port: port, drones: exercise.drones) { passwords[$0] }
        if publishSlowdownMs > 0 { publisher.slowdown = .milliseconds(publishSlowdownMs) }
        try await publisher.run(
            exercise.messages(seed: scenario.seed), clock: clock, duration: exercise.scenario.duration,
            observe: files.write, progress: display.show)
    }

    /// Reads `drone:password` lines; blank lines and lines starting with `#` are skipped.
    static func readCredentials(_ path: String) throws -> [String: String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw CommandFailure("cannot read the credentials file '\(path)'")
        }
        var passwords: [String: String] = [:]
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let colon = trimmed.firstIndex(of: ":"), colon != trimmed.startIndex else {
                throw CommandFailure("\(path): line \(index + 1): expected 'drone:password'")
            }
            passwords[String(trimmed[..<colon])] = String(trimmed[trimmed.index(after: colon)...])
        }
        return passwords
    }
}

/// The exercise's progress on standard error: a line refreshed in place on a terminal, otherwise a plain line
/// at every tenth of the exercise.
final class ProgressDisplay: Sendable {
    let terminal: Bool
    let name: String
    /// The last tenth shown as a plain line: the publisher reports from its own task.
    private let lastTenth = Mutex(-1)

    init(terminal: Bool, name: String) {
        self.terminal = terminal
        self.name = name
    }

    /// Lag (scenario seconds) already warned about: warned again each time it doubles.
    private let warnedLag = Mutex(1.0)

    func show(_ progress: ExerciseProgress) {
        let percent = Int(progress.fraction * 100)
        var line = "\(name): \(RFC3339.format(progress.scenarioTime)) \(percent) % \(progress.published) messages"
        if progress.behind >= 1 { line += String(format: ", BEHIND the exercise clock by %.1f s", progress.behind) }
        warnIfLate(progress)
        if terminal {
            FileHandle.standardError.write(Data(("\r" + line + (progress.fraction >= 1 ? "\n" : "")).utf8))
        } else {
            let due = lastTenth.withLock { last in
                defer { last = max(last, percent / 10) }
                return percent / 10 > last
            }
            if due { FileHandle.standardError.write(Data((line + "\n").utf8)) }
        }
    }

    /// Says loudly, on its own line, when publishing falls behind the exercise clock: a gateway on that clock
    /// (`--exercise-clock`) judges the late messages by a time they were not meant for (`clock_behind` past its
    /// `max_clock_behind_s`, `fix_stale` payload), which are not gateway errors. Again each time the lag
    /// doubles, and in a summary at the end.
    private func warnIfLate(_ progress: ExerciseProgress) {
        let warning: String? = warnedLag.withLock { warned in
            if progress.fraction >= 1 {
                guard progress.worstBehind >= 1 else { return nil }
                return String(
                    format: "warning: publishing fell behind the exercise clock by up to %.1f s of scenario time; "
                        + "messages published late are judged late by a gateway on this clock: a lower --speed "
                        + "keeps this machine in time", progress.worstBehind)
            }
            guard progress.behind >= 2 * warned else { return nil }
            warned = progress.behind
            return String(
                format: "warning: publishing is %.1f s of scenario time BEHIND the exercise clock; a gateway on this "
                    + "clock judges these messages late", progress.behind)
        }
        if let warning { FileHandle.standardError.write(Data(("\n" + warning + "\n").utf8)) }
    }
}
