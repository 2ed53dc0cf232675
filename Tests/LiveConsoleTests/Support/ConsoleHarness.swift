import Compliance
import Foundation
import Gateway
import LiveConsole
import Logging
import MQTT
import ServiceLifecycle
import Synchronization
import TestSupport

/// A gateway with its live console on a real mosquitto: ingress and egress on the same broker, the console on a
/// free loopback port, operators from a credentials file, a drone client and a consumer of everything published.
final class ConsoleHarness {
    static let passwords = ["alice": "alice-password-1", "bob": "bob-password-22"]

    let broker: TestBroker
    let gateway: ComplianceGateway
    let group: ServiceGroup
    let running: Task<Void, any Error>
    let port: Int
    let drone: MQTTClient
    let consumer: MQTTClient
    let folder: TemporaryFolder
    var base: String { "http://127.0.0.1:\(port)" }

    static var logger: Logger {
        var logger = Logger(label: "flowgate-console-test")
        logger.logLevel = .critical
        return logger
    }

    /// - Parameter configure: changes to the console's settings (session lifetime, viewing).
    static func start(
        drones: [String] = ["D1"], interval: Duration = .milliseconds(100), tapCapacity: Int = 8_192,
        exercise: (any ExerciseControl)? = nil, configure: (inout ConsoleSettings) -> Void = { _ in }
    ) async throws -> ConsoleHarness {
        let broker = try TestBroker()
        let folder = try TemporaryFolder()
        // Cost 4: the lowest bcrypt allows, so that logging in is quick in tests; the file format is the real one.
        let lines = passwords.keys.sorted().map { OperatorDirectory.line(name: $0, password: passwords[$0]!, cost: 4) }
        let operatorsFile = folder.url.appendingPathComponent("operators")
        try lines.joined(separator: "\n").write(to: operatorsFile, atomically: true, encoding: .utf8)
        var settings = ConsoleSettings()
        settings.port = 0
        settings.operatorsFile = operatorsFile
        configure(&settings)

        let clientID = "flowgate-console-\(UUID().uuidString.prefix(8))"
        let ingress = BrokerSettings(host: "127.0.0.1", port: broker.port, clientID: clientID)
        var egress = ingress
        egress.clientID = "\(clientID)-egress"
        var config = GatewayConfig(bundle: URL(fileURLWithPath: "/"), ingress: ingress, egress: egress)
        let signer = ConsoleSigner()
        config.policy.operatorKeys[ConsoleSigner.name] = signer.publicKeyBytes
        let gateway = ComplianceGateway(
            config: config, airspace: try ConsoleSite.airspace(drones: drones), logger: logger,
            tap: DecisionTap(capacity: tapCapacity))
        let listening = AsyncStream.makeStream(of: Int.self)
        let console = ConsoleServer(
            settings: settings, gateway: gateway, signer: signer,
            operators: try OperatorDirectory.load(operatorsFile), exercise: exercise, interval: interval,
            logger: logger,
            onListening: { listening.continuation.yield($0) })
        let consumer = try MQTTClient(options: MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "consumer"))
        try await consumer.connect()
        try await consumer.subscribe("compliant/#", qos: 1)
        try await consumer.subscribe("flowgate/#", qos: 1)
        let group = ServiceGroup(services: [gateway, console], logger: logger)
        let running = Task { try await group.run() }
        var port: Int?
        for await bound in listening.stream {
            port = bound
            break
        }
        // The gateway is online once it has subscribed to the drones' topics: what a drone publishes before that
        // would reach no session (seen: a face crop lost, its suspension never shown).
        let deadline = ContinuousClock.now + .seconds(60)
        var online = false
        while !online, ContinuousClock.now < deadline {
            online = await consumer.receive(1, within: 1).contains {
                $0.topic == "flowgate/status" && String(decoding: $0.payload, as: UTF8.self) == "online"
            }
        }
        guard online else { throw HarnessError("the gateway did not come online within 60 s") }
        let drone = try MQTTClient(options: MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: drones[0]))
        try await drone.connect()
        return ConsoleHarness(
            broker: broker, gateway: gateway, group: group, running: running,
            port: try requireValue(port, "console port"),
            drone: drone, consumer: consumer, folder: folder)
    }

    private init(
        broker: TestBroker, gateway: ComplianceGateway, group: ServiceGroup, running: Task<Void, any Error>,
        port: Int, drone: MQTTClient, consumer: MQTTClient, folder: TemporaryFolder
    ) {
        self.broker = broker
        self.gateway = gateway
        self.group = group
        self.running = running
        self.port = port
        self.drone = drone
        self.consumer = consumer
        self.folder = folder
    }

    func publish(_ topic: String, _ payload: [UInt8]) async throws {
        try await drone.publish(MQTTMessage(topic: topic, payload: payload, qos: 1))
    }

    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await running.value
        drone.disconnect()
        consumer.disconnect()
    }
}

/// The value, or a failure naming what was missing.
func requireValue<T>(_ value: T?, _ what: String = "value") throws -> T {
    guard let value else { throw HarnessError("no \(what)") }
    return value
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
