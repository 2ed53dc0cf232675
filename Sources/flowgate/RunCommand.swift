import Airspace
import ArgumentParser
import Foundation
import Gateway
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
            SIGINT, when it stops taking messages, publishes "offline" and exits 0.
            """
    )

    @Option(help: "The gateway configuration (YAML).")
    var config: String

    func run() async throws {
        let settings = try ConfigArgument.load(config, checkFiles: true)
        let bundle = try ConfigArgument.bundle(of: settings)
        let logger = Logger(label: "flowgate")
        let gateway = ComplianceGateway(config: settings, airspace: AirspaceIndex(bundle: bundle), logger: logger)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: gateway)]
        if let port = settings.metricsPort {
            services.append(.init(service: MetricsServer(port: port, metrics: gateway.metrics)))
        }
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
