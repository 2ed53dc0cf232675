import Airspace
import Foundation
import Gateway
import Logging
import MQTT
import ServiceLifecycle
import StrictJSON
import TestSupport
import Testing

/// Nothing is lost when the gateway or the broker goes away and comes back.
@Suite("Gateway restarts and broker restarts", .serialized)
struct GatewayResilienceTests {
    static func gateway(_ broker: TestBroker) throws -> (ComplianceGateway, ServiceGroup) {
        // The same ingress client id each time: the broker keeps that session while the gateway is away.
        let gateway = try TestGateway.make(TestGateway.config(broker, clientID: "flowgate-ingress"))
        return (gateway, ServiceGroup(services: [gateway], logger: TestGateway.logger))
    }

    static func client(_ broker: TestBroker, _ id: String, persistent: Bool = false) async throws -> MQTTClient {
        var options = MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: id)
        options.cleanSession = !persistent
        options.reconnectDelay = 1...1
        let client = try MQTTClient(options: options)
        try await client.connect()
        return client
    }

    /// Starts the group and returns once the gateway says `online` (it does so once it takes telemetry).
    static func startAndWaitOnline(_ group: ServiceGroup, _ broker: TestBroker) async throws -> Task<Void, any Error> {
        let watcher = try await client(broker, "status-\(UUID().uuidString.prefix(6))")
        try await watcher.subscribe("flowgate/status", qos: 1)
        let running = Task { try await group.run() }
        for await status in watcher.messages where String(decoding: status.payload, as: UTF8.self) == "online" {
            break
        }
        watcher.disconnect()
        return running
    }

    /// Sequence numbers of the fixes forwarded on compliant/D1/telemetry, until `count` arrived or 20 s passed.
    static func forwardedSeqs(_ consumer: MQTTClient, count: Int) async -> [Int] {
        let collector = Task { () -> [Int] in
            var seqs: [Int] = []
            for await message in consumer.messages where message.topic == "compliant/D1/telemetry" {
                if let seq = (try? JSONParser.parse(message.payload))?["seq"]?.doubleValue { seqs.append(Int(seq)) }
                if Set(seqs).count >= count { break }
            }
            return seqs
        }
        let timer = Task {
            guard (try? await Task.sleep(for: .seconds(20))) != nil else { return }
            collector.cancel()
        }
        defer { timer.cancel() }
        return await collector.value
    }

    @Test("telemetry published while the gateway is down arrives after it restarts (persistent ingress session)")
    func gatewayRestart() async throws {
        let broker = try TestBroker()
        let consumer = try await Self.client(broker, "consumer")
        try await consumer.subscribe("compliant/#", qos: 1)
        let drone = try await Self.client(broker, "D1")

        let (_, first) = try Self.gateway(broker)
        let running = try await Self.startAndWaitOnline(first, broker)
        try await drone.publish(
            MQTTMessage(topic: "fleet/D1/telemetry", payload: GatewayEndToEndTests.fix(seq: 1, alt: 60), qos: 1))
        #expect(await Self.forwardedSeqs(consumer, count: 1) == [1])
        await first.triggerGracefulShutdown()
        try await running.value

        for seq in 2...21 {
            try await drone.publish(
                MQTTMessage(topic: "fleet/D1/telemetry", payload: GatewayEndToEndTests.fix(seq: seq, alt: 60), qos: 1))
        }
        let (_, second) = try Self.gateway(broker)
        let restarted = Task { try await second.run() }
        let seqs = await Self.forwardedSeqs(consumer, count: 20)
        #expect(seqs == Array(2...21), "lost or reordered while the gateway was down")
        await second.triggerGracefulShutdown()
        try await restarted.value
    }

    @Test("a broker restart under a steady QoS 1 stream loses nothing: the gateway reconnects by itself")
    func brokerRestart() async throws {
        let broker = try TestBroker()
        let (gateway, group) = try Self.gateway(broker)
        // A persistent consumer: what the gateway forwards after the restart, before the consumer is back, waits
        // for it at the broker (a consumer with a clean session would miss it, whatever the gateway does).
        let consumer = try await Self.client(broker, "consumer-restart", persistent: true)
        try await consumer.subscribe("compliant/#", qos: 1)
        let running = try await Self.startAndWaitOnline(group, broker)
        let total = 60
        let publisher = Task {
            let drone = try await Self.client(broker, "D1")
            var seq = 1
            while seq <= total {
                do {
                    try await drone.publish(
                        MQTTMessage(
                            topic: "fleet/D1/telemetry", payload: GatewayEndToEndTests.fix(seq: seq, alt: 60), qos: 1))
                    seq += 1
                } catch {
                    // Broker down: the drone retries the same seq after its own reconnection.
                    try await Task.sleep(for: .milliseconds(200))
                }
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        try await Task.sleep(for: .milliseconds(400))
        broker.stop(graceful: true)
        try broker.start()
        try await publisher.value
        let seqs = await Self.forwardedSeqs(consumer, count: total)
        #expect(Set(seqs) == Set(1...total), "missing: \(Set(1...total).subtracting(seqs).sorted())")
        await group.triggerGracefulShutdown()
        try await running.value
        // Read from the actor first: an expectation does not capture the actor itself.
        let gatewayEgressFailures = await gateway.egressFailures
        #expect(gatewayEgressFailures == 0)
    }

    @Test("an egress broker restart loses nothing: decisions wait for it and are delivered when it is back")
    func egressBrokerRestart() async throws {
        let drones = try TestBroker()
        let consumers = try TestBroker()
        var config = TestGateway.config(drones, clientID: "flowgate-split")
        config.egress = BrokerSettings(host: "127.0.0.1", port: consumers.port, clientID: "flowgate-split-egress")
        let gateway = try TestGateway.make(config)
        let group = ServiceGroup(services: [gateway], logger: TestGateway.logger)
        var options = MQTTOptions(host: "127.0.0.1", port: consumers.port, clientID: "persistent-consumer")
        options.cleanSession = false
        options.reconnectDelay = 1...1
        let consumer = try MQTTClient(options: options)
        try await consumer.connect()
        try await consumer.subscribe("compliant/#", qos: 1)
        let running = try await Self.startAndWaitOnline(group, consumers)
        let drone = try await Self.client(drones, "D1")
        try await drone.publish(
            MQTTMessage(topic: "fleet/D1/telemetry", payload: GatewayEndToEndTests.fix(seq: 1, alt: 60), qos: 1))
        #expect(await Self.forwardedSeqs(consumer, count: 1) == [1])

        consumers.stop(graceful: true)
        for seq in 2...31 {
            try await drone.publish(
                MQTTMessage(topic: "fleet/D1/telemetry", payload: GatewayEndToEndTests.fix(seq: seq, alt: 60), qos: 1))
        }
        try consumers.start()
        var seqs = await Self.forwardedSeqs(consumer, count: 30)
        // QoS 1 is at least once: a message in flight when the broker stopped may come twice, and then 30 messages
        // are not yet all 30 seqs (seen in CI: 31 came after a repeat). Read on for what is still missing.
        let notYet = Set(2...31).subtracting(seqs)
        if !notYet.isEmpty { seqs += await Self.forwardedSeqs(consumer, count: notYet.count) }
        #expect(Set(seqs) == Set(2...31), "missing: \(Set(2...31).subtracting(seqs).sorted())")
        await group.triggerGracefulShutdown()
        try await running.value
        let gatewayEgressFailures = await gateway.egressFailures
        #expect(gatewayEgressFailures == 0)
    }

    @Test("after its egress connection is lost (here taken over), the gateway republishes online once reconnected")
    func onlineAfterReconnect() async throws {
        let broker = try TestBroker()
        var config = TestGateway.config(broker, clientID: "flowgate-online")
        config.egress.clientID = "flowgate-online-egress"
        let gateway = try TestGateway.make(config)
        let group = ServiceGroup(services: [gateway], logger: TestGateway.logger)
        let running = try await Self.startAndWaitOnline(group, broker)
        let watcher = try await Self.client(broker, "status-watcher")
        try await watcher.subscribe("flowgate/status", qos: 1)
        let statuses = Task {
            var seen: [String] = []
            for await message in watcher.messages {
                seen.append(String(decoding: message.payload, as: UTF8.self))
                if seen.suffix(2) == ["offline", "online"] { break }
            }
            return seen
        }
        let timer = Task {
            try? await Task.sleep(for: .seconds(20))
            statuses.cancel()
        }
        // On a broker that does not bind client ids to accounts, another client takes the egress id: the broker
        // drops the gateway's connection and publishes its will.
        let intruder = try await Self.client(broker, "flowgate-online-egress")
        intruder.disconnect()
        let seen = await statuses.value
        timer.cancel()
        #expect(seen.suffix(2) == ["offline", "online"], "\(seen)")
        // A newcomer reads the retained status: online.
        let newcomer = try await Self.client(broker, "newcomer")
        try await newcomer.subscribe("flowgate/status", qos: 1)
        var retained = ""
        for await message in newcomer.messages {
            retained = String(decoding: message.payload, as: UTF8.self)
            break
        }
        #expect(retained == "online")
        await group.triggerGracefulShutdown()
        try await running.value
        watcher.disconnect()
        newcomer.disconnect()
    }
}
