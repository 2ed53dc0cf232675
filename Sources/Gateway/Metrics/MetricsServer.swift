import FlyingFox
import FlyingSocks
import Foundation
public import Logging
public import ServiceLifecycle

/// Serves `GET /metrics` on a loopback port for Prometheus, and `POST /reload` for `flowgate zones reload`,
/// until the service group shuts down.
public struct MetricsServer: Service {
    public let port: UInt16
    let metrics: GatewayMetrics
    let logger: Logger
    /// Reads the bundle again and answers with the outcome (``BundleReloadOutcome/json``); `nil`: no reload.
    let reload: (@Sendable () async -> BundleReloadOutcome)?

    public init(
        port: UInt16, metrics: GatewayMetrics, logger: Logger = Logger(label: "flowgate.metrics"),
        reload: (@Sendable () async -> BundleReloadOutcome)? = nil
    ) {
        self.port = port
        self.metrics = metrics
        self.logger = logger
        self.reload = reload
    }

    public func run() async throws {
        // Loopback only: the numbers are for the operator's own scraper, not for the network.
        let serverLogger = MetricsServerLogger(logger)
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: port), logger: serverLogger)
        let metrics = self.metrics
        await server.appendRoute("GET /metrics") { _ in
            HTTPResponse(
                statusCode: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: Data(metrics.exposition()))
        }
        if let reload {
            // A POST, so that no prefetching browser or crawler on this machine triggers it; what it reloads is
            // only the bundle folder the configuration names, and every reload is recorded.
            await server.appendRoute("POST /reload") { _ in
                let outcome = await reload()
                return HTTPResponse(
                    statusCode: outcome.isApplied ? .ok : .unprocessableContent,
                    headers: [.contentType: "application/json"], body: Data(outcome.json))
            }
        }
        // Stopped, not cancelled, on shutdown: a scrape in progress completes. The server reports its stop as
        // an error; after a shutdown was asked for, that is the expected end.
        do {
            try await withGracefulShutdownHandler {
                try await server.run()
            } onGracefulShutdown: {
                serverLogger.stopping()
                Task { await server.stop(timeout: 1) }
            }
        } catch  where Task.isShuttingDownGracefully || Task.isCancelled {
            return
        }
    }
}
