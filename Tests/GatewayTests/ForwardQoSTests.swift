import Foundation
import Gateway
import MQTT
import ServiceLifecycle
import TestSupport
import Testing

/// The QoS of what the gateway forwards, seen by a consumer subscribed at QoS 2 (it receives each message at the
/// QoS the gateway published it with): the arrival QoS by default, a fixed one when configured; events always 1.
@Suite("Forward QoS through a real broker", .serialized)
struct ForwardQoSTests {
    /// Publishes a compliant fix at QoS 0 and one at QoS 1 (the second seq later), and a fix whose drone
    /// differs from the topic (an event); returns the QoS of each message the consumer got, by topic.
    static func delivered(_ forwardQoS: ForwardQoS) async throws -> [String: [Int]] {
        let broker = try TestBroker()
        var config = TestGateway.config(broker, clientID: "flowgate-qos")
        config.forwardQoS = forwardQoS
        let gateway = try TestGateway.make(config)
        let group = ServiceGroup(services: [gateway], logger: TestGateway.logger)
        let consumer = try MQTTClient(
            options: MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "qos-consumer-\(UUID())"))
        try await consumer.connect()
        try await consumer.subscribe("compliant/#", qos: 2)
        try await consumer.subscribe("flowgate/#", qos: 2)
        let running = Task { try await group.run() }
        _ = await GatewayEndToEndTests.collect(consumer) {
            $0.contains { GatewayEndToEndTests.text($0) == "online" }
        }
        let drone = try MQTTClient(options: MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "D1"))
        try await drone.connect()
        let topic = "fleet/D1/telemetry"
        try await drone.publish(MQTTMessage(topic: topic, payload: GatewayEndToEndTests.fix(seq: 1, alt: 60), qos: 0))
        try await drone.publish(MQTTMessage(topic: topic, payload: GatewayEndToEndTests.fix(seq: 2, alt: 60), qos: 1))
        try await drone.publish(
            MQTTMessage(topic: topic, payload: GatewayEndToEndTests.fix(seq: 3, alt: 60, drone: "D9"), qos: 0))
        let received = await GatewayEndToEndTests.collect(consumer) { messages in
            messages.filter { $0.topic == "compliant/D1/telemetry" }.count == 2
                && messages.contains { $0.topic == "flowgate/events/D1" }
        }
        await group.triggerGracefulShutdown()
        try await running.value
        consumer.disconnect()
        drone.disconnect()
        return Dictionary(grouping: received.filter { $0.topic != "flowgate/status" }, by: \.topic)
            .mapValues { $0.map(\.qos) }
    }

    @Test("by default a forward keeps its arrival QoS (0 stays 0, 1 stays 1); the event is QoS 1")
    func arrival() async throws {
        let delivered = try await Self.delivered(.arrival)
        #expect(delivered["compliant/D1/telemetry"] == [0, 1])
        #expect(delivered["flowgate/events/D1"] == [1])
    }

    @Test("forward_qos 1 forwards both at QoS 1; the event is QoS 1")
    func fixed() async throws {
        let delivered = try await Self.delivered(.fixed(1))
        #expect(delivered["compliant/D1/telemetry"] == [1, 1])
        #expect(delivered["flowgate/events/D1"] == [1])
    }
}
