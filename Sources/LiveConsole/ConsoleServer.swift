import Foundation
public import Gateway
import Hummingbird
public import Logging
import NIOCore
public import ServiceLifecycle

/// The live console as a service of the gateway's process: an HTTP server (Hummingbird) for the page, its
/// script, the snapshot stream (server-sent events) and the operators' requests, and the loop that feeds it.
/// Stops with the service group; every viewer's stream ends first, so that shutdown does not wait for them.
public struct ConsoleServer: Service {
    let settings: ConsoleSettings
    let routes: ConsoleRoutes
    let feed: SnapshotFeed
    let logger: Logger
    /// Told the port once the server listens (the configured one, or the one picked for port 0).
    let onListening: @Sendable (Int) async -> Void

    /// - Parameters:
    ///   - gateway: must have been made with a ``DecisionTap``, and with ``ConsoleSigner/name``'s key in its
    ///     policy's operator keys, for releases.
    ///   - operators: who may log in; `nil`: nobody (viewing only, when it is open).
    ///   - exercise: the instructor's controls in a demo.
    ///   - interval: between snapshots.
    public init(
        settings: ConsoleSettings, gateway: ComplianceGateway, signer: ConsoleSigner, operators: OperatorDirectory?,
        exercise: (any ExerciseControl)? = nil, interval: Duration = .milliseconds(250), logger: Logger,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        precondition(gateway.tap != nil, "the console reads the gateway's decision tap")
        self.settings = settings
        self.logger = logger
        self.onListening = onListening
        let desk = ReleaseDesk(
            gateway: gateway, signer: signer, window: settings.releaseWindow, clock: { Date() })
        feed = SnapshotFeed(
            gateway: gateway, tap: gateway.tap ?? DecisionTap(capacity: 1), desk: desk, exercise: exercise,
            interval: interval)
        routes = ConsoleRoutes(
            settings: settings, feed: feed, sessions: SessionStore(lifetime: settings.sessionLifetime),
            operators: operators ?? OperatorDirectory(hashes: [:]), desk: desk, exercise: exercise)
    }

    public func run() async throws {
        if !settings.viewingRequiresLogin, !["127.0.0.1", "::1", "localhost"].contains(settings.host) {
            logger.warning(
                "the console's map is open to anyone who reaches \(settings.host): set console.viewing: login",
                metadata: ["listen": "\(settings.host):\(settings.port)"])
        }
        let router = Router()
        routes.add(to: router)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "flowgate"),
            onServerRunning: { [onListening, logger, settings] channel in
                let port = channel.localAddress?.port ?? settings.port
                logger.notice("console listening", metadata: ["url": "http://\(settings.host):\(port)/"])
                await onListening(port)
            },
            logger: logger)
        let feeding = Task { await feed.run() }
        defer { feeding.cancel() }
        // The server runs in its own task (which inherits the graceful shutdown) so that it can be cancelled: a
        // viewer that stopped reading holds its response open, and a graceful shutdown would wait for it.
        let serving = Task { try await app.run() }
        try await withGracefulShutdownHandler {
            try await withTaskCancellationHandler {
                try await serving.value
            } onCancel: {
                serving.cancel()
            }
        } onGracefulShutdown: { [feed] in
            feed.hub.closeAll()
            Task {
                try? await Task.sleep(for: Self.shutdownGrace)
                serving.cancel()
            }
        }
    }

    /// How long viewers' responses get to end after a shutdown is asked for.
    static let shutdownGrace = Duration.seconds(2)
}
