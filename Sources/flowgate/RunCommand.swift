import Airspace
import ArgumentParser
import Foundation
import Gateway
import Geo
import Logging
import ServiceLifecycle
import UnixSignals

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the gateway: check every telemetry message between the drones' broker and the consumers'.",
        discussion: """
            Connects to the ingress and egress brokers of the configuration, publishes a retained "online" on the \
            status topic (and leaves "offline" as its will), and judges every telemetry message until SIGTERM or \
            SIGINT, when it stops taking messages, publishes "offline" and exits 0. SIGHUP (or `flowgate zones \
            reload`) reads the bundle again and puts it in force from the next message, or keeps the old one if \
            the new one has problems; either way it is recorded.
            """
    )

    @Option(help: "The gateway configuration (YAML).")
    var config: String

    @Option(
        help: ArgumentHelp(
            "For exercises: judge by the simulator's clock, START@ANCHOR_UNIX_MS*RATE (scenario time START at the "
                + "wall-clock instant ANCHOR, running RATE times faster), as `flowgate sim run` is given.",
            valueName: "clock"))
    var exerciseClock: String?

    @Option(
        help: ArgumentHelp(
            "Serve the live console at this address (HOST:PORT, or :PORT on loopback); the configuration's "
                + "`console:` section sets who may log in.",
            valueName: "address"))
    var console: String?

    func run() async throws {
        var settings = try ConfigArgument.load(config, checkFiles: true)
        if let exerciseClock {
            let clock = try Self.parseClock(exerciseClock)
            settings.clock = { clock.now(wall: $0) }
        }
        let bundle = try ConfigArgument.bundle(of: settings)
        let logger = Logger(label: "flowgate")
        let console = try ConsoleLaunch.settings(config: settings, address: console).map { ConsoleLaunch(settings: $0) }
        try console?.prepare(&settings)
        let gateway = ComplianceGateway(
            config: settings, airspace: AirspaceIndex(bundle: bundle), logger: logger, tap: console?.tap)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: gateway),
            .init(service: HangupReloader(gateway: gateway), successTerminationBehavior: .ignore),
        ]
        // Last, so that it stops first: its viewers' streams end before the gateway goes offline.
        if let console { services.append(.init(service: try console.server(gateway: gateway, logger: logger))) }
        if let port = settings.metricsPort {
            services.append(
                .init(
                    service: MetricsServer(
                        port: port, metrics: gateway.metrics, logger: logger,
                        reload: { await gateway.reloadBundle(trigger: .command) })))
        }
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    /// `START@ANCHOR_UNIX_MS*RATE`, e.g. `2026-11-28T12:00:00Z@1795860000000*20`.
    static func parseClock(_ text: String) throws -> ExerciseClock {
        let parts = text.split(whereSeparator: { $0 == "@" || $0 == "*" }).map(String.init)
        guard parts.count == 3, let start = try? RFC3339.parse(parts[0]), let anchor = Double(parts[1]),
            let rate = Double(parts[2]), rate > 0, rate.isFinite
        else {
            throw ValidationError(
                "--exercise-clock must be START@ANCHOR_UNIX_MS*RATE, e.g. 2026-11-28T12:00:00Z@1795860000000*20")
        }
        return ExerciseClock(start: start, anchor: Date(timeIntervalSince1970: anchor / 1000), rate: rate)
    }
}
