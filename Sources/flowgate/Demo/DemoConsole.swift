import Audit
import Foundation
import Gateway
import LiveConsole
import Logging
import ServiceLifecycle
import Simulation
import StrictJSON
import Synchronization
import UnixSignals

/// The live console of `flowgate demo --console`: it starts with the gateway, outlives it to show the
/// scorecard, and stops on Ctrl-C (or after `linger` seconds). Two operators, `instructor` and `observer`, get
/// fresh random passwords for each demo, printed once, so that the controls and a four-eyes release can be tried.
final class DemoConsole: Sendable {
    static let operators = ["instructor", "observer"]

    let launch: ConsoleLaunch
    let control: DemoExerciseControl
    /// Seconds the console stays up after the exercise; `nil`: until Ctrl-C.
    let linger: Double?
    private let running = Mutex<(group: ServiceGroup, task: Task<Void, any Error>)?>(nil)

    /// Writes the operators' file in the demo's folder.
    init(address: String, files: DemoFiles, exercise: Exercise, linger: Double?) throws {
        var settings = ConsoleSettings()
        do {
            try settings.listen(on: address)
        } catch {
            throw CommandFailure(error.description)
        }
        var lines: [String] = []
        var passwords: [String] = []
        for name in Self.operators {
            var generator = SystemRandomNumberGenerator()
            let password = (0..<12).map { _ in "abcdefghjkmnpqrstuvwxyz23456789".randomElement(using: &generator)! }
            passwords.append("\(name) / \(String(password))")
            lines.append(OperatorDirectory.line(name: name, password: String(password), cost: 10))
        }
        guard
            FileManager.default.createFile(
                atPath: files.consoleOperators.path, contents: Data((lines.joined(separator: "\n") + "\n").utf8),
                attributes: [.posixPermissions: 0o600])
        else { throw CommandFailure("cannot write \(files.consoleOperators.path)") }
        settings.operatorsFile = files.consoleOperators
        launch = ConsoleLaunch(settings: settings)
        control = DemoExerciseControl(start: exercise.scenario.start, duration: exercise.scenario.duration)
        self.linger = linger
        Console.line("Console operators (this demo only): \(passwords.joined(separator: ", "))")
    }

    /// Serves the console for `gateway`, in a service group of its own so that it outlives the gateway's.
    func start(gateway: ComplianceGateway, logger: Logger) throws {
        let host = launch.settings.host
        let server = try launch.server(
            gateway: gateway, exercise: control, logger: logger,
            onListening: { port in Console.line("Console: http://\(host):\(port)/ (live map, feed, release, controls)")
            })
        let group = ServiceGroup(services: [server], logger: logger)
        running.withLock { $0 = (group, Task { try await group.run() }) }
    }

    /// Shows the scorecard, waits (`linger`, or Ctrl-C), then stops the console.
    func finish(scorecard: Scorecard?) async {
        control.finished(scorecard: scorecard.map(Self.json))
        if let linger {
            try? await Task.sleep(for: .seconds(linger))
        } else if running.withLock({ $0 }) != nil {
            Console.line("Console: the scorecard is on the page; Ctrl-C to end.")
            for await _ in await UnixSignalsSequence(trapping: .sigint, .sigterm) { break }
        }
        await stop()
    }

    func stop() async {
        guard let (group, task) = running.withLock({ $0 }) else { return }
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }

    /// What the page shows of the scorecard.
    static func json(_ card: Scorecard) -> JSONValue {
        var object: JSONObject = [
            "messages in the truth": .number(card.truthMessages),
            "decided as expected": .number(card.agreements),
            "missing": .number(card.missing),
            "unexpected": .number(card.unexpected),
            "compliant messages blocked": .number(card.falseBlocks),
        ]
        for fault in card.faults {
            object["fault \(fault.fault)"] = .string("\(fault.detected) of \(fault.messages) caught")
        }
        return .object(object)
    }
}
