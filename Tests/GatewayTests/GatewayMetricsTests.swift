import Foundation
import Gateway
import Logging
import MQTT
import ServiceLifecycle
import Synchronization
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Prometheus metrics served by the running gateway.
@Suite("Gateway metrics", .serialized)
struct GatewayMetricsTests {
    @Test("GET /metrics counts messages by verdict and reason, and shows both connections up")
    func metricsEndpoint() async throws {
        let broker = try TestBroker()
        var config = TestGateway.config(broker, clientID: "flowgate-metrics")
        let port = UInt16(try TestBroker.freePort())
        config.metricsPort = port
        let gateway = try TestGateway.make(config)
        let logs = CapturedLogs()
        let group = ServiceGroup(
            services: [gateway, MetricsServer(port: port, metrics: gateway.metrics, logger: logs.logger)],
            logger: TestGateway.logger)
        let watcher = try MQTTClient(options: MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "watcher"))
        try await watcher.connect()
        try await watcher.subscribe("flowgate/status", qos: 1)
        let running = Task { try await group.run() }
        // "online" comes once the gateway takes telemetry.
        for await status in watcher.messages where String(decoding: status.payload, as: UTF8.self) == "online" {
            break
        }

        let drone = try MQTTClient(options: MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "D1"))
        try await drone.connect()
        let topic = "fleet/D1/telemetry"
        try await drone.publish(MQTTMessage(topic: topic, payload: GatewayEndToEndTests.fix(seq: 1, alt: 60), qos: 1))
        try await drone.publish(MQTTMessage(topic: topic, payload: GatewayEndToEndTests.fix(seq: 2, alt: 20), qos: 1))
        try await drone.publish(MQTTMessage(topic: topic, payload: Array("not json".utf8), qos: 1))

        var text = ""
        for _ in 0..<50 {
            try await Task.sleep(for: .milliseconds(100))
            let url = URL(string: "http://127.0.0.1:\(port)/metrics")!
            let (data, response) = try await URLSession.shared.data(from: url)
            #expect((response as? HTTPURLResponse)?.statusCode == 200)
            text = String(decoding: data, as: UTF8.self)
            if text.contains(#"flowgate_messages_total{verdict="reject"} 1"#) { break }
        }
        #expect(text.contains(#"flowgate_messages_total{verdict="forward"} 2"#), "\(text)")
        #expect(text.contains(#"flowgate_messages_total{verdict="reject"} 1"#))
        #expect(text.contains(#"flowgate_reasons_total{code="below_floor"} 1"#))
        #expect(text.contains(#"flowgate_reasons_total{code="malformed_json"} 1"#))
        #expect(text.contains(#"flowgate_connected{broker="ingress"} 1"#))
        #expect(text.contains(#"flowgate_connected{broker="egress"} 1"#))
        #expect(text.contains("flowgate_processing_seconds_count 3"))

        await group.triggerGracefulShutdown()
        try await running.value
        drone.disconnect()
        watcher.disconnect()
        // A clean shutdown is no error: the server's report of its own stop is not logged as one.
        #expect(logs.entries(atLeast: .error).isEmpty, "\(logs.entries(atLeast: .error))")
        // The server's own lines do come through the gateway's logger.
        #expect(
            logs.entries(atLeast: .trace).contains { $0.hasPrefix("metrics: ") }, "\(logs.entries(atLeast: .trace))")
    }
}

/// Log lines kept in memory, to check what a component logged.
final class CapturedLogs: Sendable {
    private let lines = Mutex<[(Logger.Level, String)]>([])

    var logger: Logger {
        Logger(label: "captured") { _ in Handler(logs: self) }
    }

    func entries(atLeast level: Logger.Level) -> [String] {
        lines.withLock { $0.filter { $0.0 >= level }.map(\.1) }
    }

    struct Handler: LogHandler {
        let logs: CapturedLogs
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            logs.lines.withLock { $0.append((event.level, event.message.description)) }
        }
    }
}
