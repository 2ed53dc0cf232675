import Airspace
import AirspaceFixtures
import ArgumentParser
import Compliance
import Foundation
import Gateway
import Geo
import Logging
import MQTT
import ServiceLifecycle
import StrictJSON
import TestSupport

/// The gateway's throughput and added latency, next to a do-nothing bridge in C (`flowgate-null-bridge`), on a
/// private mosquitto: messages/s at saturation for QoS 0 and 1, and p50/p99 latency at a fixed rate.
@main
struct GatewayBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flowgate-gateway-bench",
        abstract: "Benchmark the telemetry gateway against a do-nothing MQTT bridge.")

    @Option(help: "Messages per saturation run.")
    var messages = 20_000

    @Option(help: "Drones the messages come from.")
    var drones = 50

    @Flag(help: "Measure the engine alone (no broker), for profiling.")
    var engineOnly = false

    @Option(help: "Messages per second for the latency runs.")
    var rate = 2_000.0

    @Option(help: "Seconds of each latency run.")
    var latencySeconds = 2.0

    enum System: String, CaseIterable { case bridge, gateway }

    func run() async throws {
        #if DEBUG
            print("warning: a debug build; run `swift run -c release flowgate-gateway-bench` for meaningful numbers")
        #endif
        let airspace = try Self.airspace()
        print(
            "flowgate gateway benchmark: \(drones) drones, demo bundle + 1,000 zones (\(airspace.bundle.zones.count))")
        print(String(format: "engine alone (decode, judge, encode; one core): %.1f µs/message", engineCost(airspace)))
        if engineOnly { return }
        print("saturation, \(messages) messages per run:")
        var rates: [String: Double] = [:]
        for qos in [0, 1] {
            for system in System.allCases {
                let rate = try await saturation(system, qos: qos, airspace: airspace)
                rates["\(system)-\(qos)"] = rate
                print(
                    "  QoS \(qos) \(system.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(Int(rate)) msg/s"
                )
            }
            let ratio = (rates["gateway-\(qos)"] ?? 0) / max(1, rates["bridge-\(qos)"] ?? 1)
            print("  QoS \(qos) ratio gateway/bridge: \(String(format: "%.2f", ratio))")
        }
        print("latency at \(Int(rate)) msg/s, QoS 1:")
        var percentiles: [System: (Double, Double)] = [:]
        for system in System.allCases {
            let latencies = try await latency(system, airspace: airspace)
            percentiles[system] = (Self.percentile(latencies, 0.5), Self.percentile(latencies, 0.99))
            print(
                "  \(system.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) p50 "
                    + String(
                        format: "%.3f ms, p99 %.3f ms", percentiles[system]!.0 * 1000, percentiles[system]!.1 * 1000))
        }
        if let gateway = percentiles[.gateway], let bridge = percentiles[.bridge] {
            print(
                String(
                    format: "  added by the gateway: p50 %.3f ms, p99 %.3f ms", (gateway.0 - bridge.0) * 1000,
                    (gateway.1 - bridge.1) * 1000))
        }
    }

    /// The demo site with 1,000 more zones around it.
    static func airspace() throws -> AirspaceIndex {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var bundle = try BundleLoader.load(directory: root.appendingPathComponent("Geofences/berlin-pariser-platz"))
        let extra = try SyntheticSite(zoneCount: 1_000, sideMetres: 6_000, seed: 7, layout: .deployment).bundle()
        bundle.zones += extra.zones.filter { $0.kind != .operationArea }
        return AirspaceIndex(bundle: bundle)
    }

    /// Starts the system under test on `broker`; the returned closure stops it.
    func start(_ system: System, broker: TestBroker, qos: Int, airspace: AirspaceIndex) async throws -> () async -> Void
    {
        switch system {
        case .bridge:
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
                .appendingPathComponent("flowgate-null-bridge")
            process.arguments = ["127.0.0.1", "\(broker.port)", "\(qos)"]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            // Ready once subscribed.
            _ = output.fileHandleForReading.availableData
            return {
                // Foundation's isRunning and waitUntilExit need a run loop this tool does not run.
                kill(process.processIdentifier, SIGKILL)
                var status: Int32 = 0
                waitpid(process.processIdentifier, &status, 0)
            }
        case .gateway:
            let ingress = BrokerSettings(
                host: "127.0.0.1", port: broker.port, clientID: "flowgate-bench-\(UUID().uuidString.prefix(6))")
            var egress = ingress
            egress.clientID += "-egress"
            var logger = Logger(label: "flowgate-bench")
            logger.logLevel = .critical
            let gateway = ComplianceGateway(
                config: GatewayConfig(bundle: URL(fileURLWithPath: "/"), ingress: ingress, egress: egress),
                airspace: airspace, logger: logger)
            let group = ServiceGroup(services: [gateway], logger: logger)
            let watcher = try await Self.client(broker, "status-watcher")
            try await watcher.subscribe("flowgate/status", qos: 1)
            let running = Task { try await group.run() }
            for await status in watcher.messages where String(decoding: status.payload, as: UTF8.self) == "online" {
                break
            }
            watcher.disconnect()
            return {
                await group.triggerGracefulShutdown()
                _ = try? await running.value
            }
        }
    }

    static func client(_ broker: TestBroker, _ id: String) async throws -> MQTTClient {
        let client = try MQTTClient(options: MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: id))
        try await client.connect()
        return client
    }

    /// Telemetry of drone `index` with sequence number `seq`.
    static func fix(drone index: Int, seq: Int) -> (topic: String, payload: [UInt8]) {
        let drone = "D\(index + 1)"
        let text =
            #"{"v":1,"drone":"\#(drone)","mission":"M-0412","seq":\#(seq),"time":"\#(RFC3339.format(Date()))","#
            + #""position":{"lat":52.5152,"lon":13.36,"alt_m":75,"alt_ref":"AGL"}}"#
        return ("fleet/\(drone)/telemetry", Array(text.utf8))
    }

    func saturation(_ system: System, qos: Int, airspace: AirspaceIndex) async throws -> Double {
        let broker = try TestBroker(
            extraConfiguration:
                "allow_anonymous true\nmax_queued_messages 0\nmax_inflight_messages 0\nset_tcp_nodelay true")
        let stop = try await start(system, broker: broker, qos: qos, airspace: airspace)
        let consumer = try await Self.client(broker, "consumer")
        try await consumer.subscribe("compliant/#", qos: qos)
        let publisher = try await Self.client(broker, "load")
        let payloads = (0..<messages).map { Self.fix(drone: $0 % drones, seq: $0 / drones + 1) }
        let count = messages
        let counter = Task { () -> (Int, ContinuousClock.Instant) in
            var received = 0
            for await _ in consumer.messages {
                received += 1
                if received == count { break }
            }
            return (received, ContinuousClock.now)
        }
        let timer = Task {
            guard (try? await Task.sleep(for: .seconds(60))) != nil else { return }
            counter.cancel()
        }
        let start = ContinuousClock.now
        for (topic, payload) in payloads { try publisher.send(MQTTMessage(topic: topic, payload: payload, qos: qos)) }
        let (received, end) = await counter.value
        timer.cancel()
        let seconds = (end - start).seconds
        if received < count { print("  (\(system.rawValue): \(received) of \(count) received within 60 s)") }
        publisher.disconnect()
        consumer.disconnect()
        await stop()
        return Double(received) / seconds
    }

    func latency(_ system: System, airspace: AirspaceIndex) async throws -> [Double] {
        let broker = try TestBroker(
            extraConfiguration: "allow_anonymous true\nmax_queued_messages 0\nset_tcp_nodelay true")
        let stop = try await start(system, broker: broker, qos: 1, airspace: airspace)
        let consumer = try await Self.client(broker, "latency-consumer")
        try await consumer.subscribe("compliant/#", qos: 1)
        let publisher = try await Self.client(broker, "latency-load")
        let total = Int(rate * latencySeconds)
        let sent = SentTimes(count: total)
        let collector = Task { () -> [Double] in
            var latencies: [Double] = []
            for await message in consumer.messages {
                guard let object = try? JSONParser.parse(message.payload), let seq = object["seq"]?.doubleValue,
                    let drone = object["drone"]?.stringValue, let index = Int(drone.dropFirst())
                else { continue }
                let key = (Int(seq) - 1) * drones + index - 1
                if let at = sent.time(key) { latencies.append((ContinuousClock.now - at).seconds) }
                if latencies.count == total { break }
            }
            return latencies
        }
        let timer = Task {
            guard (try? await Task.sleep(for: .seconds(30))) != nil else { return }
            collector.cancel()
        }
        let clock = ContinuousClock()
        let start = clock.now
        for key in 0..<total {
            let due = start + .seconds(Double(key) / rate)
            if due > clock.now { try await Task.sleep(until: due, clock: clock) }
            let (topic, payload) = Self.fix(drone: key % drones, seq: key / drones + 1)
            sent.record(key, clock.now)
            try publisher.send(MQTTMessage(topic: topic, payload: payload, qos: 1))
        }
        let latencies = await collector.value
        timer.cancel()
        publisher.disconnect()
        consumer.disconnect()
        await stop()
        return latencies
    }

    /// Microseconds per telemetry message through the engine alone, without MQTT.
    func engineCost(_ airspace: AirspaceIndex) -> Double {
        var engine = ComplianceEngine(airspace: airspace)
        let payloads = (0..<messages).map { Self.fix(drone: $0 % drones, seq: $0 / drones + 1) }
        let now = Date()
        let start = ContinuousClock.now
        var forwarded = 0
        for (topic, payload) in payloads {
            forwarded += engine.process(topic: topic, payload: payload, receivedAt: now).publications.count
        }
        let seconds = (ContinuousClock.now - start).seconds
        precondition(forwarded >= payloads.count, "the engine did not publish every fix")
        return seconds / Double(payloads.count) * 1e6
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }
}

/// Send times by message, written by the publisher and read by the consumer's task.
final class SentTimes: @unchecked Sendable {
    // Guarded by `lock`.
    private var times: [ContinuousClock.Instant?]
    private let lock = NSLock()

    init(count: Int) { times = Array(repeating: nil, count: count) }

    func record(_ key: Int, _ time: ContinuousClock.Instant) { lock.withLock { times[key] = time } }

    func time(_ key: Int) -> ContinuousClock.Instant? {
        lock.withLock { key >= 0 && key < times.count ? times[key] : nil }
    }
}

extension Duration {
    var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) / 1e18
    }
}
