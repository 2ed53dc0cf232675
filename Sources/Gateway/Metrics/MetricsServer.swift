import FlyingFox
import FlyingSocks
import Foundation
public import Logging
public import ServiceLifecycle

/// Serves `GET /metrics` on a loopback port for Prometheus, until the service group shuts down.
public struct MetricsServer: Service {
    public let port: UInt16
    let metrics: GatewayMetrics
    let logger: Logger

    public init(port: UInt16, metrics: GatewayMetrics, logger: Logger = Logger(label: "flowgate.metrics")) {
        self.port = port
        self.metrics = metrics
        self.logger = logger
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
