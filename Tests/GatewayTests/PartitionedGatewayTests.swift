import Audit
import Compliance
import Foundation
import Gateway
import Geo
import MQTT
import ServiceLifecycle
import StrictJSON
import TestSupport
import Testing

/// A gateway instance that owns some partitions, on a plain mosquitto where anyone may publish anywhere (no NATS
/// permissions to stop a forgery): a message put into the instance's partition for a drone of another partition
/// is rejected and recorded, never judged as that drone's.
@Suite("A partitioned gateway fails closed on a message in the wrong partition", .serialized)
struct PartitionedGatewayTests {
    @Test func aMessageInAnotherDronesPartitionIsRejectedAndRecorded() async throws {
        let broker = try TestBroker()
        let partitioning = try ClusterPartitioning(count: 8)
        // D2 is in partition 3, D1 in 6: this instance owns 3 only.
        #expect(partitioning.partition(of: "D2") == 3 && partitioning.partition(of: "D1") == 6)
        let folder = try TemporaryFolder()
        let record = folder.path("gw.sqlite")
        var config = TestGateway.config(broker, clientID: "gw-partitioned")
        config.cluster = ClusterSettings(partitioning: partitioning, instance: "gw", owned: [3])
        config.audit = AuditSettings(path: URL(fileURLWithPath: record))
        let gateway = try TestGateway.make(config)
        let group = ServiceGroup(services: [gateway], logger: TestGateway.logger)
        let consumer = try MQTTClient(options: MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "ops"))
        try await consumer.connect()
        try await consumer.subscribe("compliant/#", qos: 1)
        try await consumer.subscribe("flowgate/#", qos: 1)
        let running = Task { try await group.run() }
        _ = await GatewayEndToEndTests.collect(consumer) {
            $0.contains { $0.topic == "flowgate/status/gw" && GatewayEndToEndTests.text($0) == "online" }
        }
        let forger = try MQTTClient(options: MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "forger"))
        try await forger.connect()
        // D1's fix (authorised, compliant) put into partition 3, and one in partition 6, which this instance does
        // not own; then D1's fix where it belongs for nobody here, and a fix on the unpartitioned topic.
        for topic in ["fp/3/fleet/D1/telemetry", "fp/6/fleet/D1/telemetry", "fleet/D1/telemetry"] {
            try await forger.publish(
                MQTTMessage(topic: topic, payload: GatewayEndToEndTests.fix(seq: 1, alt: 60), qos: 1))
        }
        let events = await GatewayEndToEndTests.collect(consumer, within: 20) { messages in
            messages.contains { GatewayEndToEndTests.text($0).contains("message_rejected") }
        }
        try await Task.sleep(for: .seconds(1))
        await group.triggerGracefulShutdown()
        try await running.value
        forger.disconnect()
        consumer.disconnect()
        #expect(!events.contains { $0.topic.hasPrefix("compliant/") }, "nothing forwarded")
        let counts = await gateway.counts
        #expect(counts.decided == 1, "only the message in an owned partition reached the engine: \(counts)")
        #expect(counts[.forward] == 0)
        let decisions = try AuditReader(path: record).records(RecordFilter(kinds: [.decision]))
        #expect(decisions.count == 1)
        #expect(decisions.first?.fields["topic"]?.stringValue == "fp/3/fleet/D1/telemetry", "recorded as it came")
        #expect(decisions.first?.fields["reasons"] == .array([.string("unknown_topic")]), "\(decisions)")
        #expect(decisions.first?.fields["verdict"]?.stringValue == "reject")
    }

    @Test func aReleaseOrderIsDecidedByTheOwnerOfItsDronesPartitionOnly() async throws {
        let broker = try TestBroker()
        let partitioning = try ClusterPartitioning(count: 8)
        var config = TestGateway.config(broker, clientID: "gw-orders")
        // D2 is in partition 3, D1 in 6: this instance owns 3 only.
        config.cluster = ClusterSettings(partitioning: partitioning, instance: "gw", owned: [3])
        let gateway = try TestGateway.make(config)
        let group = ServiceGroup(services: [gateway], logger: TestGateway.logger)
        let consumer = try MQTTClient(options: MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "ops"))
        try await consumer.connect()
        try await consumer.subscribe("flowgate/#", qos: 1)
        let running = Task { try await group.run() }
        _ = await GatewayEndToEndTests.collect(consumer) {
            $0.contains { $0.topic == "flowgate/status/gw" && GatewayEndToEndTests.text($0) == "online" }
        }
        let operatorClient = try MQTTClient(
            options: MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "duty-officer"))
        try await operatorClient.connect()
        // Orders with a signature no operator made: the owner refuses them (release_refused); the other instance
        // of a cluster, which hears them too, leaves them to the owner.
        for drone in ["D1", "D2"] {
            let order: JSONObject = [
                "action": "release", "drone": .string(drone), "stream": "cam0", "operator": "duty-officer-7",
                "reason": "checked", "time": .string(RFC3339.format(Date())), "nonce": .string("n-\(drone)"),
                "signature": "AAAA",
            ]
            try await operatorClient.publish(
                MQTTMessage(topic: "flowgate/control/streams", payload: JSONWriter.bytes(.object(order)), qos: 1))
        }
        let events = await GatewayEndToEndTests.collect(consumer, within: 20) { messages in
            messages.contains { GatewayEndToEndTests.text($0).contains("release_refused") }
        }
        try await Task.sleep(for: .seconds(1))
        await group.triggerGracefulShutdown()
        try await running.value
        operatorClient.disconnect()
        consumer.disconnect()
        let refusals = events.filter { GatewayEndToEndTests.text($0).contains("release_refused") }
        #expect(
            refusals.count == 1,
            "only the owner's drone's order was decided: \(refusals.map(GatewayEndToEndTests.text))")
        #expect(await gateway.counts.decided == 1)
    }
}
