import Airspace
import AirspaceFixtures
import ArgumentParser
import Compliance
import Foundation
import Gateway
import Geo
import LiveConsole
import Logging
import MQTT
import ServiceLifecycle
import StrictJSON

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

    @Flag(help: "Keep the audit record (a SQLite file in a temporary folder) while measuring.")
    var audit = false

    @Flag(help: "Saturate with a 50/50 mix of telemetry and payload (20x20 density grids) instead of telemetry.")
    var mixed = false

    @Option(help: "Saturate only at this QoS (0 or 1); both by default.")
    var qos: Int?

    @Option(help: "Saturate only this system (bridge or gateway), for profilers; both by default.")
    var only: System?

    @Option(help: "Let the bridge re-publish at this QoS (as the gateway does with egress.forward_qos set).")
    var bridgeEgressQos: Int?

    @Flag(help: "Skip the engine-alone costs and the latency runs, for profilers.")
    var saturationOnly = false

    @Option(
        help: """
            Only measure latency while the bundle, this many synthetic zones, is reloaded again and again \
            (flowgate zones reload), against the latency between reloads.
            """)
    var reloadZones: Int?

    @Option(help: "Run the live console beside the gateway with this many viewers reading its stream.")
    var consoleViewers = 0

    @Option(help: "Messages per second for the latency runs.")
    var rate = 2_000.0

    @Option(help: "Seconds of each latency run.")
    var latencySeconds = 2.0

    enum System: String, CaseIterable, ExpressibleByArgument { case bridge, gateway }

    func run() async throws {
        #if DEBUG
            print("warning: a debug build; run `swift run -c release flowgate-gateway-bench` for meaningful numbers")
        #endif
        if let reloadZones { return try await reloadLatency(zones: reloadZones) }
        let (airspace, clock) = try Self.airspace(drones: drones)
        print(
            "flowgate gateway benchmark: \(drones) drones, demo bundle + 1,000 zones (\(airspace.bundle.zones.count))")
        if !saturationOnly {
            print("engine alone (decode, judge, encode; one core), µs/message:")
            print(String(format: "  telemetry                  %8.1f", engineCost(airspace, clock, mixed: false)))
            print(String(format: "  telemetry/payload 50/50    %8.1f", engineCost(airspace, clock, mixed: true)))
            print(
                String(
                    format: "  crowd_density 50x50 grid   %8.1f",
                    payloadCost(airspace, clock) { BenchMessages.density(drone: $0, seq: $1, side: 50, at: $2) }))
            print(
                String(
                    format: "  crowd_flow 500 cells       %8.1f",
                    payloadCost(airspace, clock) { BenchMessages.flow(drone: $0, seq: $1, cells: 500, at: $2) }))
        }
        if engineOnly { return }
        print(
            "saturation, \(messages) messages per run (\(mixed ? "50/50 telemetry and payload" : "telemetry")"
                + (audit ? ", audit record on" : "") + "):")
        var rates: [String: Double] = [:]
        var costs: [String: Double] = [:]
        for qos in qos.map({ [$0] }) ?? [0, 1] {
            for system in only.map({ [$0] }) ?? System.allCases {
                let (rate, cost) = try await saturation(system, qos: qos, airspace: airspace, clock: clock)
                rates["\(system)-\(qos)"] = rate
                costs["\(system)-\(qos)"] = cost
                print(
                    "  QoS \(qos) \(system.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(Int(rate)) msg/s, "
                        + String(format: "%.1f µs CPU/message", cost * 1e6))
            }
            guard only == nil else { continue }
            let ratio = (rates["gateway-\(qos)"] ?? 0) / max(1, rates["bridge-\(qos)"] ?? 1)
            let cpuRatio = (costs["bridge-\(qos)"] ?? 0) / max(1e-9, costs["gateway-\(qos)"] ?? 1)
            print(
                "  QoS \(qos) ratio gateway/bridge: \(String(format: "%.2f", ratio)) (messages/s); "
                    + "\(String(format: "%.2f", cpuRatio)) (CPU per message, bridge/gateway)")
        }
        if saturationOnly || only != nil { return }
        print("latency at \(Int(rate)) msg/s, QoS 1:")
        var percentiles: [System: (Double, Double)] = [:]
        for system in System.allCases {
            let latencies = try await latency(system, airspace: airspace, clock: clock)
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

    /// The demo site with 1,000 more zones around it, and the clock the benchmark runs on: inside the demo
    /// authorisation's window, whatever the date of the run.
    static func airspace(drones: Int) throws -> (AirspaceIndex, BenchClock) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var bundle = try BundleLoader.load(directory: root.appendingPathComponent("Geofences/berlin-pariser-platz"))
        let clock = BenchClock(inside: bundle.authorisations[0])
        let extra = try SyntheticSite(zoneCount: 1_000, sideMetres: 6_000, seed: 7, layout: .deployment).bundle()
        // The synthetic zones stay clear of the benchmark drones' position, whose payload must pass.
        let spot = PositionQuery(
            drone: "D1", mission: "M-0412", position: GeoPoint(latitude: 52.5152, longitude: 13.36), altitude: 75,
            altitudeReference: .agl, time: clock.now())
        let blocking = Set(
            extra.zones.filter {
                !AirspaceIndex(bundle: SiteBundle(site: extra.site, zones: [$0], authorisations: [])).assess(spot)
                    .zones.isEmpty
            }.map(\.id))
        bundle.zones += extra.zones.filter { $0.kind != .operationArea && !blocking.contains($0.id) }
        // Authorise every benchmark drone, so that their payloads pass.
        bundle.authorisations[0].drones = (1...max(drones, 3)).map { "D\($0)" }
        return (AirspaceIndex(bundle: bundle), clock)
    }

    /// Starts the system under test on `broker`; the returned closure stops it.
    func start(_ system: System, broker: BenchBroker, qos: Int, airspace: AirspaceIndex, clock: BenchClock)
        async throws -> () async -> Void
    {
        switch system {
        case .bridge:
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
                .appendingPathComponent("flowgate-null-bridge")
            process.arguments = ["127.0.0.1", "\(broker.port)", "\(qos)"] + (bridgeEgressQos.map { ["\($0)"] } ?? [])
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
            var config = GatewayConfig(bundle: URL(fileURLWithPath: "/"), ingress: ingress, egress: egress)
            // Arrivals are judged on the benchmark's clock, like the messages' own times.
            config.clock = { clock.time(atWall: $0) }
            if audit {
                config.audit = AuditSettings(
                    path: FileManager.default.temporaryDirectory.appendingPathComponent(
                        "flowgate-bench-\(UUID().uuidString).sqlite"))
            }
            let signer = ConsoleSigner()
            if consoleViewers > 0 { config.policy.operatorKeys[ConsoleSigner.name] = signer.publicKeyBytes }
            let gateway = ComplianceGateway(
                config: config,
                airspace: airspace, logger: logger, tap: consoleViewers > 0 ? DecisionTap() : nil)
            var services: [any Service] = [gateway]
            var ports: AsyncStream<Int>?
            if consoleViewers > 0 {
                let (console, bound) = await ConsoleViewers.console(for: gateway, signer: signer, logger: logger)
                services.append(console)
                ports = bound
            }
            let group = ServiceGroup(services: services, logger: logger)
            let watcher = try await Self.client(broker, "status-watcher")
            try await watcher.subscribe("flowgate/status", qos: 1)
            let running = Task { try await group.run() }
            for await status in watcher.messages where String(decoding: status.payload, as: UTF8.self) == "online" {
                break
            }
            watcher.disconnect()
            var viewers: ConsoleViewers?
            if let ports {
                for await port in ports {
                    viewers = try ConsoleViewers(count: consoleViewers, port: port)
                    break
                }
            }
            return {
                viewers?.close()
                await group.triggerGracefulShutdown()
                _ = try? await running.value
            }
        }
    }

    static func client(_ broker: BenchBroker, _ id: String) async throws -> MQTTClient {
        let client = try MQTTClient(options: MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: id))
        try await client.connect()
        return client
    }

    /// Messages per second, and CPU seconds per message of every process involved (see ``CPUTime``).
    func saturation(_ system: System, qos: Int, airspace: AirspaceIndex, clock: BenchClock) async throws
        -> (Double, Double)
    {
        let broker = try BenchBroker(
            extraConfiguration:
                "allow_anonymous true\nmax_queued_messages 0\nmax_inflight_messages 0\nset_tcp_nodelay true")
        let stop = try await start(system, broker: broker, qos: qos, airspace: airspace, clock: clock)
        let consumer = try await Self.client(broker, "consumer")
        try await consumer.subscribe("compliant/#", qos: qos)
        let publisher = try await Self.client(broker, "load")
        let time = clock.now()
        let payloads = (0..<messages).map { BenchMessages.message($0, drones: drones, mixed: mixed, at: time) }
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
        let markers = [broker.folder.path, "flowgate-null-bridge 127.0.0.1 \(broker.port) "]
        let cpuBefore = CPUTime.total(processesMatching: markers)
        let start = ContinuousClock.now
        for (topic, payload) in payloads { try publisher.send(MQTTMessage(topic: topic, payload: payload, qos: qos)) }
        let (received, end) = await counter.value
        let cpu = CPUTime.total(processesMatching: markers) - cpuBefore
        timer.cancel()
        let seconds = (end - start).seconds
        if received < count { print("  (\(system.rawValue): \(received) of \(count) received within 60 s)") }
        publisher.disconnect()
        consumer.disconnect()
        await stop()
        return (Double(received) / seconds, cpu / Double(max(1, received)))
    }

    func latency(_ system: System, airspace: AirspaceIndex, clock benchClock: BenchClock) async throws -> [Double] {
        let broker = try BenchBroker(
            extraConfiguration: "allow_anonymous true\nmax_queued_messages 0\nset_tcp_nodelay true")
        let stop = try await start(system, broker: broker, qos: 1, airspace: airspace, clock: benchClock)
        let consumer = try await Self.client(broker, "latency-consumer")
        try await consumer.subscribe("compliant/#", qos: 1)
        let publisher = try await Self.client(broker, "latency-load")
        let total = Int(rate * latencySeconds)
        let sent = SentTimes(count: total)
        async let latencies = collectLatencies(total, from: consumer, sent: sent, within: 30)
        try await publishPaced(total, from: publisher, clock: benchClock, sent: sent)
        let collected = await latencies
        publisher.disconnect()
        consumer.disconnect()
        await stop()
        return collected.map(\.seconds)
    }

    /// Microseconds per message through the engine alone, without MQTT.
    func engineCost(_ airspace: AirspaceIndex, _ clock: BenchClock, mixed: Bool) -> Double {
        var engine = ComplianceEngine(airspace: airspace)
        let publisher = DecisionPublisher(topics: engine.policy.topics)
        let now = clock.now()
        let payloads = (0..<messages).map { BenchMessages.message($0, drones: drones, mixed: mixed, at: now) }
        let start = ContinuousClock.now
        var forwarded = 0
        for (topic, payload) in payloads {
            // Written as the gateway writes them: the cost includes the egress message and events.
            let decision = engine.process(topic: topic, payload: payload, receivedAt: now)
            forwarded += publisher.publications(for: decision).count
        }
        let seconds = (ContinuousClock.now - start).seconds
        precondition(forwarded >= payloads.count, "the engine did not publish every message")
        return seconds / Double(payloads.count) * 1e6
    }

    /// Microseconds per payload message of one kind, each drone with a fresh fix (so that payloads pass).
    func payloadCost(
        _ airspace: AirspaceIndex, _ clock: BenchClock, _ make: (Int, Int, Date) -> (topic: String, payload: [UInt8])
    ) -> Double {
        var engine = ComplianceEngine(airspace: airspace)
        let publisher = DecisionPublisher(topics: engine.policy.topics)
        let now = clock.now()
        for drone in 0..<drones {
            let (topic, payload) = BenchMessages.fix(drone: drone, seq: 1, at: now)
            _ = engine.process(topic: topic, payload: payload, receivedAt: now)
        }
        let count = max(100, messages / 20)
        let payloads = (0..<count).map { make($0 % drones, $0 / drones + 1, now) }
        let start = ContinuousClock.now
        var forwarded = 0
        for (topic, payload) in payloads {
            let decision = engine.process(topic: topic, payload: payload, receivedAt: now)
            if publisher.publications(for: decision).contains(where: \.isForward) { forwarded += 1 }
        }
        let seconds = (ContinuousClock.now - start).seconds
        precondition(forwarded == payloads.count, "the engine blocked a benchmark payload")
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

    /// How many were sent so far (the first key not yet recorded, as keys are recorded in order).
    var count: Int { lock.withLock { times.firstIndex(of: nil) ?? times.count } }

    func record(_ key: Int, _ time: ContinuousClock.Instant) { lock.withLock { times[key] = time } }

    func time(_ key: Int) -> ContinuousClock.Instant? {
        lock.withLock { key >= 0 && key < times.count ? times[key] : nil }
    }
}
