import Audit
import Compliance
import Foundation
import Gateway
import MQTT
import ServiceLifecycle
import StrictJSON
import TestSupport
import Testing

/// The shipped NATS cluster (Deploy/nats/, three real nats-server nodes on free loopback ports) with the accounts
/// `flowgate config nats-accounts` writes: drones publish over MQTT on any node, each drone's messages arrive in
/// its partition on every node, and nobody writes as another or reads what is not theirs.
@Suite("A NATS cluster with the shipped configuration", .serialized)
struct NATSClusterTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let drones = (1...12).map { "D\($0)" }

    static func accounts(_ partitioning: ClusterPartitioning) -> NATSAccounts {
        let accounts = ["flowgate-ingress", "flowgate-egress", "duty-officer", "ops-centre"] + drones
        return NATSAccounts(
            partitioning: partitioning, ingressAccount: "flowgate-ingress", egressAccount: "flowgate-egress",
            operators: ["duty-officer"], consumers: ["ops-centre"], drones: drones,
            passwords: Dictionary(uniqueKeysWithValues: accounts.map { ($0, "secret-\($0)") }))
    }

    static func cluster(_ partitioning: ClusterPartitioning) async throws -> TestNATSCluster {
        try await TestNATSCluster(
            deploy: root.appendingPathComponent("Deploy/nats"), accounts: accounts(partitioning).text,
            probe: ("ops-centre", "secret-ops-centre"))
    }

    static func client(_ cluster: TestNATSCluster, node: Int, account: String, id: String? = nil) async throws
        -> MQTTClient
    {
        var options = MQTTOptions(
            host: "127.0.0.1", port: cluster.mqttPorts[node - 1], clientID: id ?? "\(account)-\(UUID())")
        options.username = account
        options.password = "secret-\(account)"
        options.connectTimeout = 10
        let client = try MQTTClient(options: options)
        try await client.connect()
        return client
    }

    @Test("the harness moves each shipped port once, even to a free port that starts like another shipped one")
    func portsReplacedInOnePass() {
        let text = "listen: 127.0.0.1:4222\nroutes: [nats-route://127.0.0.1:6222]\nhttp: 127.0.0.1:8222\n"
        let moved = TestNATSCluster.replacing(
            [
                ("127.0.0.1:4222", "127.0.0.1:62225"), ("127.0.0.1:6222", "127.0.0.1:38685"),
                ("127.0.0.1:8222", "127.0.0.1:42229"),
            ], in: text)
        #expect(moved == "listen: 127.0.0.1:62225\nroutes: [nats-route://127.0.0.1:38685]\nhttp: 127.0.0.1:42229\n")
    }

    @Test(
        "each drone's messages, published on any node, arrive in its partition; a partition's owner sees its drones only"
    )
    func partitionsAcrossNodes() async throws {
        let partitioning = try ClusterPartitioning(count: 8)
        let cluster = try await Self.cluster(partitioning)
        let topics = TopicScheme()
        let everything = try await Self.client(cluster, node: 3, account: "flowgate-ingress")
        for pattern in [topics.telemetry, topics.payload] {
            try await everything.subscribe("fp/+/\(pattern.subscription)", qos: 1)
        }
        let owned = partitioning.partition(of: "D2")
        let owner = try await Self.client(cluster, node: 2, account: "flowgate-ingress", id: "flowgate-p\(owned)")
        for pattern in [topics.telemetry, topics.payload] {
            try await owner.subscribe(partitioning.subscription(pattern, partition: owned), qos: 1)
        }
        var expected: [String] = []
        for (index, drone) in Self.drones.enumerated() {
            let client = try await Self.client(cluster, node: index % 3 + 1, account: drone)
            for topic in [
                topics.telemetry.topic(for: drone), topics.payload.topic(for: drone, stream: "crowd_density"),
            ] {
                try await client.publish(MQTTMessage(topic: topic, payload: Array(drone.utf8), qos: 1))
                expected.append(partitioning.partitionedTopic(topic, drone: drone))
            }
            client.disconnect()
        }
        let received = await everything.receive(expected.count, within: 15)
        #expect(received.map(\.topic).sorted() == expected.sorted(), "nats-server's partition is ClusterPartitioning's")
        for message in received {
            #expect(
                message.topic.hasPrefix(
                    "fp/\(partitioning.partition(of: String(decoding: message.payload, as: UTF8.self)))/"))
        }
        let ownedExpected = expected.filter { $0.hasPrefix("fp/\(owned)/") }
        let ownerReceived = await owner.receive(ownedExpected.count + 1, within: 3)
        #expect(ownerReceived.map(\.topic).sorted() == ownedExpected.sorted())
        everything.disconnect()
        owner.disconnect()
    }

    @Test("a drone cannot write as another drone or into another partition; a consumer cannot read drone data")
    func permissions() async throws {
        let partitioning = try ClusterPartitioning(count: 8)
        let cluster = try await Self.cluster(partitioning)
        let ingress = try await Self.client(cluster, node: 1, account: "flowgate-ingress")
        try await ingress.subscribe("fp/+/fleet/+/telemetry", qos: 1)
        let consumer = try await Self.client(cluster, node: 2, account: "ops-centre")
        try await consumer.subscribe("fp/+/fleet/+/telemetry", qos: 1)
        try await consumer.subscribe("fleet/+/telemetry", qos: 1)
        let d1 = try await Self.client(cluster, node: 3, account: "D1")
        let elsewhere = (partitioning.partition(of: "D1") + 1) % 8
        for topic in ["fleet/D2/telemetry", "fp/\(elsewhere)/fleet/D1/telemetry", "fp/3/fleet/D2/telemetry"] {
            try await d1.publish(MQTTMessage(topic: topic, payload: Array("forged".utf8), qos: 1))
        }
        // Its own, last: once it has arrived, the forged ones would have too.
        try await d1.publish(MQTTMessage(topic: "fleet/D1/telemetry", payload: Array("own".utf8), qos: 1))
        let received = await ingress.receive(2, within: 5)
        #expect(received.map(\.topic) == [partitioning.partitionedTopic("fleet/D1/telemetry", drone: "D1")])
        #expect(received.map { String(decoding: $0.payload, as: UTF8.self) } == ["own"])
        #expect(await consumer.receive(1, within: 1).isEmpty, "a consumer reads no drone data")
        d1.disconnect()
        ingress.disconnect()
        consumer.disconnect()
    }

    @Test(
        "a drone that takes the gateway's partition session client id reads nothing of the partition; once it is gone the gateway's session resumes"
    )
    func sessionClientIDTakenByADrone() async throws {
        let partitioning = try ClusterPartitioning(count: 8)
        let cluster = try await Self.cluster(partitioning)
        let partition = partitioning.partition(of: "D2")
        let topic = partitioning.subscription(TopicScheme().telemetry, partition: partition)
        var options = MQTTOptions(host: "127.0.0.1", port: cluster.mqttPorts[0], clientID: "flowgate-p\(partition)")
        options.username = "flowgate-ingress"
        options.password = "secret-flowgate-ingress"
        options.cleanSession = false
        options.connectTimeout = 30
        let gateway = try MQTTClient(options: options)
        try await gateway.connect()
        try await gateway.subscribe(topic, qos: 1)
        // D1 connects with the gateway's session client id: NATS 2.9 closes the gateway's connection and, with a
        // clean session, drops the gateway's session (CVE-2026-33215, fixed in NATS 2.11.15 and 2.12.5: one
        // account cannot bind client ids to users; Docs/CLUSTER.md), but it refuses D1 the partition's subjects.
        let intruder = try await Self.client(cluster, node: 2, account: "D1", id: "flowgate-p\(partition)")
        try? await intruder.subscribe(topic, qos: 1)
        try? await intruder.subscribe("fp/#", qos: 1)
        let d2 = try await Self.client(cluster, node: 3, account: "D2")
        for seq in 1...5 {
            try await d2.publish(
                MQTTMessage(topic: "fleet/D2/telemetry", payload: Array("during-\(seq)".utf8), qos: 1))
        }
        #expect(await intruder.receive(1, within: 3).isEmpty, "a drone reads no other drone's data")
        intruder.disconnect()
        // The gateway's client reconnects by itself and subscribes again: what comes after reaches it.
        let deadline = ContinuousClock.now + .seconds(30)
        while !gateway.isConnected, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
        try await Task.sleep(for: .seconds(2))
        for seq in 1...5 {
            try await d2.publish(MQTTMessage(topic: "fleet/D2/telemetry", payload: Array("after-\(seq)".utf8), qos: 1))
        }
        let received = await gateway.receive(10, within: 15).map { String(decoding: $0.payload, as: UTF8.self) }
        #expect(Set((1...5).map { "after-\($0)" }).isSubset(of: Set(received)), "\(received)")
        d2.disconnect()
        gateway.disconnect()
    }

    /// A gateway instance on the cluster owning `owned`, its ingress and egress on `node` (sessions per partition).
    static func gateway(
        _ cluster: TestNATSCluster, node: Int, instance: String, owned: [Int], partitioning: ClusterPartitioning,
        record: URL
    ) throws -> ComplianceGateway {
        var ingress = BrokerSettings(host: "127.0.0.1", port: cluster.mqttPorts[node - 1], clientID: "\(instance)-in")
        ingress.username = "flowgate-ingress"
        ingress.password = "secret-flowgate-ingress"
        var egress = ingress
        egress.clientID = "\(instance)-out"
        egress.username = "flowgate-egress"
        egress.password = "secret-flowgate-egress"
        var config = GatewayConfig(bundle: URL(fileURLWithPath: "/"), ingress: ingress, egress: egress)
        config.cluster = ClusterSettings(partitioning: partitioning, instance: instance, owned: owned)
        config.audit = AuditSettings(path: record)
        return try TestGateway.make(config)
    }

    @Test("two gateway instances split the partitions: each drone's messages are decided by its partition's owner only")
    func perDroneAffinity() async throws {
        let partitioning = try ClusterPartitioning(count: 8)
        let cluster = try await Self.cluster(partitioning)
        let mine = partitioning.partition(of: "D1")
        let records = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-cluster-\(UUID())")
        try FileManager.default.createDirectory(at: records, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: records) }
        let first = try Self.gateway(
            cluster, node: 1, instance: "gw-a", owned: [mine], partitioning: partitioning,
            record: records.appendingPathComponent("gw-a.sqlite"))
        let second = try Self.gateway(
            cluster, node: 2, instance: "gw-b", owned: (0..<8).filter { $0 != mine }, partitioning: partitioning,
            record: records.appendingPathComponent("gw-b.sqlite"))
        let group = ServiceGroup(services: [first, second], logger: TestGateway.logger)
        let running = Task { try await group.run() }
        let consumer = try await Self.client(cluster, node: 3, account: "ops-centre")
        try await consumer.subscribe("compliant/#", qos: 1)
        try await consumer.subscribe("flowgate/events/#", qos: 1)
        // Both instances connect and subscribe their partitions' sessions before the drones publish.
        try await Task.sleep(for: .seconds(3))
        let d1 = try await Self.client(cluster, node: 3, account: "D1")
        let d2 = try await Self.client(cluster, node: 1, account: "D2")
        for seq in 1...10 {
            try await d1.publish(
                MQTTMessage(topic: "fleet/D1/telemetry", payload: GatewayEndToEndTests.fix(seq: seq, alt: 60), qos: 1))
            try await d2.publish(
                MQTTMessage(
                    topic: "fleet/D2/telemetry", payload: GatewayEndToEndTests.fix(seq: seq, alt: 60, drone: "D2"),
                    qos: 1))
        }
        let received = await GatewayEndToEndTests.collect(consumer) { messages in
            messages.filter { $0.topic == "compliant/D1/telemetry" }.count == 10
        }
        let deadline = ContinuousClock.now + .seconds(20)
        while await second.counts.decided < 10, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(received.filter { $0.topic == "compliant/D1/telemetry" }.count == 10)
        // D1's messages were decided by the owner of its partition and by nobody else; D2's by the other.
        #expect(await first.counts.decided == 10)
        #expect(await first.counts[.forward] == 10)
        #expect(await second.counts.decided == 10, "D2's partition is the second's")
        let late = await GatewayEndToEndTests.collect(consumer, within: 2) { _ in false }
        let secondForwarded = await second.counts[.forward]
        #expect((received + late).filter { $0.topic == "compliant/D2/telemetry" }.count == secondForwarded)
        d1.disconnect()
        d2.disconnect()
        consumer.disconnect()
        await group.triggerGracefulShutdown()
        try await running.value
        // Each instance's own record says which instance it is and which partitions it owned, and holds only its
        // own drone (a decision, when one is recorded, on the topic the drone published to).
        for (name, owned, drone) in [("gw-a", [mine], "D1"), ("gw-b", (0..<8).filter { $0 != mine }, "D2")] {
            let reader = try AuditReader(path: records.appendingPathComponent("\(name).sqlite").path)
            let load = try #require(try reader.records(RecordFilter(kinds: [.configLoad])).first)
            #expect(load.fields["instance"]?.stringValue == name)
            #expect(load.fields["partitions"] == .number(8))
            #expect(load.fields["owned_partitions"] == .array(owned.map { .number($0) }))
            let drones = Set(try reader.records().compactMap(\.drone))
            #expect(drones == [drone], "\(name) recorded \(drones)")
            let decisions = try reader.records(RecordFilter(kinds: [.decision]))
            #expect(decisions.allSatisfy { $0.fields["topic"]?.stringValue == "fleet/\(drone)/telemetry" })
        }
    }
}
