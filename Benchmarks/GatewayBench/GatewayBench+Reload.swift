import Airspace
import AirspaceFixtures
import Foundation
import Gateway
import Geo
import Logging
import MQTT
import ServiceLifecycle
import StrictJSON

extension GatewayBench {
    /// Latency of telemetry through the gateway while its bundle (`zones` synthetic zones, written to a
    /// temporary folder) is reloaded again and again, against the same run's latency between reloads: the
    /// reload is read, checked and indexed off the message path, so messages should not wait for it.
    func reloadLatency(zones: Int) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-reload-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try SyntheticSite(zoneCount: zones, seed: 42, layout: .deployment).write(to: folder)
        let airspace = AirspaceIndex(bundle: try BundleLoader.load(directory: folder))
        let broker = try BenchBroker(
            extraConfiguration: "allow_anonymous true\nmax_queued_messages 0\nset_tcp_nodelay true")
        var logger = Logger(label: "flowgate-bench")
        logger.logLevel = .critical
        let ingress = BrokerSettings(host: "127.0.0.1", port: broker.port, clientID: "flowgate-bench-reload")
        var egress = ingress
        egress.clientID += "-egress"
        var config = GatewayConfig(bundle: folder, ingress: ingress, egress: egress)
        let clock = BenchClock(inside: airspace.bundle.authorisations[0])
        config.clock = { clock.time(atWall: $0) }
        let gateway = ComplianceGateway(config: config, airspace: airspace, logger: logger)
        let group = ServiceGroup(services: [gateway], logger: logger)
        let watcher = try await Self.client(broker, "status-watcher")
        try await watcher.subscribe("flowgate/status", qos: 1)
        let running = Task { try await group.run() }
        for await status in watcher.messages where String(decoding: status.payload, as: UTF8.self) == "online" {
            break
        }
        watcher.disconnect()

        let consumer = try await Self.client(broker, "reload-consumer")
        try await consumer.subscribe("compliant/#", qos: 1)
        let publisher = try await Self.client(broker, "reload-load")
        let total = Int(rate * latencySeconds)
        let sent = SentTimes(count: total)
        async let collected = collectLatencies(total, from: consumer, sent: sent, within: latencySeconds + 30)
        // Reloads back to back through the middle half of the run; the keys sent while one was in progress.
        let reloads = Task { () -> (windows: [Range<Int>], milliseconds: [Double]) in
            try? await Task.sleep(for: .seconds(latencySeconds / 4))
            var windows: [Range<Int>] = []
            var milliseconds: [Double] = []
            let clock = ContinuousClock()
            let start = clock.now
            while (clock.now - start).seconds < latencySeconds / 2 {
                let first = sent.count
                let outcome = await gateway.reloadBundle(trigger: .command)
                guard case .applied(_, _, _, let seconds) = outcome else { break }
                windows.append(first..<sent.count)
                milliseconds.append(seconds * 1000)
            }
            return (windows, milliseconds)
        }
        try await publishPaced(total, from: publisher, clock: clock, sent: sent)
        let latencies = await collected
        let (windows, milliseconds) = await reloads.value
        publisher.disconnect()
        consumer.disconnect()
        await group.triggerGracefulShutdown()
        _ = try? await running.value

        let during = latencies.filter { sample in windows.contains { $0.contains(sample.key) } }.map(\.seconds)
        let between = latencies.filter { sample in !windows.contains { $0.contains(sample.key) } }.map(\.seconds)
        print(
            "reloading a bundle of \(airspace.bundle.zones.count) zones while \(Int(rate)) msg/s flow (QoS 1): "
                + "\(milliseconds.count) reloads, each "
                + String(
                    format: "%.0f-%.0f ms (median %.0f ms)", milliseconds.min() ?? 0, milliseconds.max() ?? 0,
                    Self.percentile(milliseconds, 0.5)))
        print(
            "  \(latencies.count) of \(total) messages delivered; latency during reloads ("
                + "\(during.count) messages): p50 \(Self.milliseconds(Self.percentile(during, 0.5))), "
                + "p99 \(Self.milliseconds(Self.percentile(during, 0.99)))")
        print(
            "  between reloads (\(between.count) messages): p50 \(Self.milliseconds(Self.percentile(between, 0.5))), "
                + "p99 \(Self.milliseconds(Self.percentile(between, 0.99)))")
    }

    static func milliseconds(_ seconds: Double) -> String { String(format: "%.3f ms", seconds * 1000) }
}
