import Airspace
import Audit
import Foundation
import Gateway
import Geo
import Logging
import MQTT
import Pipeline
import ServiceLifecycle
import Simulation
import Synchronization
import UnixSignals

/// How a demo run ended.
enum DemoOutcome { case finished, interrupted }

/// The live part of the demo: broker, gateway and exercise, and their orderly end.
struct DemoRun {
    let exercise: Exercise
    let files: DemoFiles
    let speed: Double
    let seed: UInt64?
    /// A complete ACL file to use instead of the one written for the exercise.
    let acl: String?
    /// A pause before every message each drone's client publishes (a slow machine, for tests).
    let slowdown: Duration?
    /// The live console, when the demo serves one.
    var console: DemoConsole?

    static let ingressUser = "flowgate-ingress"
    static let egressUser = "flowgate-egress"
    static let viewerUser = "demo-viewer"

    func run() async throws -> DemoOutcome {
        let users = exercise.drones + [DemoRun.ingressUser, DemoRun.egressUser, DemoRun.viewerUser]
        let broker = try DemoBroker(folder: files.broker, rules: try rules(), users: users)
        defer {
            broker.stop()
            Console.line("Broker stopped (mosquitto pid \(broker.pid)).")
        }
        Console.line(
            "Broker: mosquitto pid \(broker.pid) on 127.0.0.1:\(broker.port), ACLs \(acl.map { "from \($0)" } ?? "for the exercise"), "
                + "\(users.count) users with random passwords (\(files.broker.path))")
        let bundle: SiteBundle
        do {
            bundle = try BundleLoader.load(directory: exercise.scenario.bundleDirectory)
        } catch {
            throw DemoError("the site bundle \(exercise.scenario.bundleDirectory.path) does not load: \(error)")
        }
        let clock = SharedClock(start: exercise.scenario.start)
        var config = try gatewayConfig(broker, clock: clock)
        try console?.launch.prepare(&config)
        let gateway = ComplianceGateway(
            config: config, airspace: AirspaceIndex(bundle: bundle), logger: DemoRun.quietLogger,
            tap: console?.launch.tap)
        try console?.start(gateway: gateway, logger: DemoRun.quietLogger)
        Console.line(
            "Gateway: site \(exercise.scenario.bundleDirectory.lastPathComponent), audit record \(files.audit.path)")
        let group = ServiceGroup(
            configuration: .init(services: [.init(service: gateway)], logger: DemoRun.quietLogger))
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
        return try await withThrowingTaskGroup(of: Step.self) { tasks in
            tasks.addTask {
                try await group.run()
                return .gatewayStopped
            }
            tasks.addTask {
                for await _ in signals { return .interrupted }
                return .interrupted
            }
            tasks.addTask {
                try await exercise(broker: broker, clock: clock, gateway: gateway)
                return .exerciseDone
            }
            var outcome = DemoOutcome.finished
            while let step = try await tasks.next() {
                switch step {
                case .exerciseDone:
                    await group.triggerGracefulShutdown()
                case .interrupted:
                    outcome = .interrupted
                    await group.triggerGracefulShutdown()
                case .gatewayStopped:
                    tasks.cancelAll()
                    return outcome
                }
            }
            return outcome
        }
    }

    private enum Step: Sendable { case exerciseDone, interrupted, gatewayStopped }

    /// Waits for the gateway to be online, anchors the shared clock a second ahead, plays the exercise with
    /// the live view, then waits until the gateway has decided every message published.
    private func exercise(broker: DemoBroker, clock: SharedClock, gateway: ComplianceGateway) async throws {
        let tally = DemoTally()
        let viewer = try await DemoRun.viewer(broker, tally: tally)
        defer { viewer.disconnect() }
        for _ in 0..<200 where !tally.online { try await Task.sleep(for: .milliseconds(50)) }
        guard tally.online else { throw DemoError("the gateway did not come online within 10 s") }
        let exerciseClock = ExerciseClock(
            start: exercise.scenario.start, anchor: Date().addingTimeInterval(1), rate: speed)
        let watermark = PublishingWatermark(waitsForTheGateway: true)
        // One pace for the gateway and the drones: the instructor's pause and speed apply to both.
        let pace = ExercisePace(exerciseClock)
        clock.set(pace, waitingFor: watermark)
        console?.control.started(pace)
        let duration = exercise.scenario.duration
        Console.line(
            "Exercise: \(exercise.scenario.name), \(exercise.drones.count) drones, \(Int(duration)) s of scenario "
                + "time at \(speed)x (about \(Int((duration / speed).rounded())) s)")
        let display = DemoDisplay(
            terminal: isatty(1) == 1, name: exercise.scenario.name, drones: exercise.drones)
        let recorder = try ExerciseFiles(record: files.recording.path, truth: files.truth.path)
        defer { recorder.close() }
        var publisher = ExercisePublisher(
            host: "127.0.0.1", port: broker.port, drones: exercise.drones, credentials: { broker.passwords[$0] })
        publisher.slowdown = slowdown
        let views = Task {
            while !Task.isCancelled {
                let now = clock.now(wall: Date())
                let fraction = min(max(now.timeIntervalSince(exercise.scenario.start) / duration, 0), 1)
                display.show(
                    time: now, fraction: fraction, tally: tally, counters: .init(counts: await gateway.counts))
                try? await Task.sleep(for: .milliseconds(500))
            }
        }
        defer { views.cancel() }
        let started = ContinuousClock.now
        try await publisher.run(
            exercise.messages(seed: seed), clock: exerciseClock, duration: duration, pace: pace, watermark: watermark,
            observe: {
                recorder.write($0)
                tally.countPublished($0.drone)
            })
        // Every message is acknowledged by the broker; the gateway may still be working through its buffer.
        let published = tally.publishedTotal
        for _ in 0..<600 where CounterSummary(counts: await gateway.counts).decided < published {
            try await Task.sleep(for: .milliseconds(50))
        }
        views.cancel()
        _ = await views.value
        let counters = CounterSummary(counts: await gateway.counts)
        display.final(tally: tally, counters: counters)
        // The pace kept: below the speed asked, the machine could not publish that fast, and the clock waited.
        let wall = (ContinuousClock.now - started).seconds
        Console.line(
            String(
                format: "Pace: %.0f s of scenario time in %.0f s of wall time, %.2fx (asked %.2fx)", duration, wall,
                duration / max(wall, 1e-3), speed))
        if watermark.worstLag >= 1 {
            Console.line(
                String(
                    format: "Publishing or the gateway fell behind the exercise clock by up to %.1f s of scenario "
                        + "time: the clock waited (the exercise took longer, and stayed true)", watermark.worstLag))
        }
        if counters.decided < published {
            Console.line("Warning: the gateway decided \(counters.decided) of \(published) messages within 30 s")
        }
    }

    /// ACL lines for drones that speak an adapter's format: each writes only its own topics, the gateway reads them
    /// (the shipped ACL file has them commented out).
    /// The ACL file: the one given, or the one `flowgate config acl` writes for the exercise's drones.
    private func rules() throws -> String {
        if let acl {
            guard let text = try? String(contentsOf: URL(fileURLWithPath: acl), encoding: .utf8) else {
                throw DemoError("cannot read the broker's ACL file '\(acl)'")
            }
            return text
        }
        return BrokerACL(
            ingressAccount: DemoRun.ingressUser, egressAccount: DemoRun.egressUser, operators: [],
            drones: exercise.drones, adapters: try adapterSettings()
        ).text
    }

    private func adapterSettings() throws -> AdapterSettings {
        let adapters = exercise.adapters
        return try AdapterSettings(
            missions: adapters.missions, djiCloudAPI: adapters.djiCloudAPI, mavlinkPrefix: adapters.mavlinkPrefix,
            remoteIDTopic: adapters.remoteIDTopic)
    }

    private func gatewayConfig(_ broker: DemoBroker, clock: SharedClock) throws -> GatewayConfig {
        // The broker makes each client id its account: one account per session.
        let ingress = BrokerSettings(
            host: "127.0.0.1", port: broker.port, clientID: DemoRun.ingressUser, username: DemoRun.ingressUser,
            password: broker.passwords[DemoRun.ingressUser])
        let egress = BrokerSettings(
            host: "127.0.0.1", port: broker.port, clientID: DemoRun.egressUser, username: DemoRun.egressUser,
            password: broker.passwords[DemoRun.egressUser])
        var config = GatewayConfig(bundle: exercise.scenario.bundleDirectory, ingress: ingress, egress: egress)
        config.clock = { clock.now(wall: $0) }
        config.onJudging = { clock.judging() }
        var audit = AuditSettings(path: files.audit)
        audit.options.signer = try CheckpointSigner(privateKeyFile: files.signingKey.path)
        audit.options.checkpointNoteFile = files.checkpoints.path
        config.audit = audit
        config.summaryInterval = 3600
        // Drones that speak DJI, MAVLink or Remote ID come in through their adapters.
        config.adapters = try adapterSettings()
        return config
    }

    /// The consumer: reads what the gateway publishes, as an operations centre would.
    private static func viewer(_ broker: DemoBroker, tally: DemoTally) async throws -> MQTTClient {
        var options = MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "flowgate-demo-viewer")
        options.username = viewerUser
        options.password = broker.passwords[viewerUser]
        let client = try MQTTClient(options: options)
        Task { for await message in client.messages { tally.received(message) } }
        try await client.connect()
        for filter in ["compliant/#", "flowgate/events/#", "flowgate/status"] {
            try await client.subscribe(filter, qos: 1)
        }
        return client
    }

    /// The gateway logs only errors: the live view says what is going on.
    static var quietLogger: Logger {
        var logger = Logger(label: "flowgate-demo")
        logger.logLevel = .error
        return logger
    }
}

/// The exercise clock the gateway reads, set once the gateway is online (until then: the scenario's start),
/// held back to where publishing has got: a publisher that falls behind slows the exercise down, it does not make
/// the gateway judge messages late.
final class SharedClock: Sendable {
    private let start: Date
    private let clock = Mutex<(pace: ExercisePace, watermark: PublishingWatermark)?>(nil)

    init(start: Date) { self.start = start }

    func set(_ pace: ExercisePace, waitingFor watermark: PublishingWatermark) {
        self.clock.withLock { $0 = (pace, watermark) }
    }

    func now(wall: Date) -> Date {
        guard let (pace, watermark) = clock.withLock({ $0 }) else { return start }
        return watermark.limit(pace.now(wall: wall))
    }

    /// The gateway took a message to judge (none arrive before the exercise starts).
    func judging() {
        clock.withLock { $0 }?.watermark.judging()
    }
}
