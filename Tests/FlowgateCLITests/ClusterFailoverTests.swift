import Audit
import Foundation
import Gateway
import Geo
import MQTT
import StrictJSON
import Synchronization
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Two `flowgate run` instances with failover on the shipped three-node NATS cluster (real `nats-server`
/// processes): one is killed with SIGKILL under a steady QoS 1 stream, and the other takes its partitions over.
@Suite("Failover between gateway instances on a NATS cluster", .serialized)
struct ClusterFailoverTests {
    static let drones = (1...100).map { "D\($0)" }
    static let partitioning = try! ClusterPartitioning(count: 8)
    /// What the killed instance may hold and lose: its custody window.
    static let custody = 64

    static func cluster() async throws -> TestNATSCluster {
        let names = ["flowgate-ingress", "flowgate-egress", "ops-centre"] + drones
        let accounts = NATSAccounts(
            partitioning: partitioning, ingressAccount: "flowgate-ingress", egressAccount: "flowgate-egress",
            operators: [], consumers: ["ops-centre"], drones: drones,
            passwords: Dictionary(uniqueKeysWithValues: names.map { ($0, "secret-\($0)") }))
        return try await TestNATSCluster(
            deploy: FlowgateProcess.packageRoot.appendingPathComponent("Deploy/nats"), accounts: accounts.text,
            probe: ("ops-centre", "secret-ops-centre"))
    }

    /// An instance's configuration: both use the same ingress client id, so each partition's session is the
    /// same whichever instance holds it.
    static func configuration(folder: URL, instance: String, port: Int, owned: [Int]) throws -> URL {
        let file = folder.appendingPathComponent("\(instance).yaml")
        try """
        bundle: \(FlowgateProcess.packageRoot.appendingPathComponent(FlowgateProcess.demoBundle).path)
        ingress: {host: 127.0.0.1, port: \(port), client_id: flowgate, username: flowgate-ingress, password: secret-flowgate-ingress}
        egress: {host: 127.0.0.1, port: \(port), client_id: \(instance)-out, username: flowgate-egress, password: secret-flowgate-egress}
        custody: {messages: \(custody)}
        audit: {path: \(folder.appendingPathComponent("\(instance).sqlite").path), batch_window_ms: 20, checkpoint: none}
        cluster:
          partitions: \(partitioning.count)
          instance: \(instance)
          owned: [\(owned.map(String.init).joined(separator: ", "))]
          failover: {heartbeat_s: 0.5, lease_s: 2}
        """.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    static func start(_ configuration: URL, log: URL) throws -> Process {
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = try FlowgateProcess.executableURL.get()
        process.arguments = ["run", "--config", configuration.path]
        let output = try FileHandle(forWritingTo: log)
        process.standardOutput = output
        process.standardError = output
        try process.run()
        return process
    }

    static func client(_ cluster: TestNATSCluster, node: Int, account: String) -> MQTTOptions {
        var options = MQTTOptions(
            host: "127.0.0.1", port: cluster.mqttPorts[node - 1], clientID: "\(account)-\(UUID())")
        options.username = account
        options.password = "secret-\(account)"
        options.connectTimeout = 30
        return options
    }

    static func fix(_ drone: String, seq: Int) -> [UInt8] {
        JSONWriter.bytes(
            .object([
                "v": .number(1), "drone": .string(drone), "mission": "M-1", "seq": .number(seq),
                "time": .string(RFC3339.format(Date())),
                "position": .object([
                    "lat": .number(52.5163), "lon": .number(13.3777), "alt_m": .number(60), "alt_ref": "AGL",
                ]),
            ]))
    }

    static func payload(_ drone: String, stream: String, seq: Int, product: String) -> [UInt8] {
        JSONWriter.bytes(
            .object([
                "v": .number(1), "drone": .string(drone), "mission": "M-1", "stream": .string(stream),
                "seq": .number(seq), "time": .string(RFC3339.format(Date())), "product": .string(product),
                "data": .object([
                    "origin": .object(["lat": .number(52.5165), "lon": .number(13.3770)]), "cell_m": .number(10),
                    "rows": .number(2), "cols": .number(3),
                    "counts": .array([0, 14, 31, 7, 0, 52].map { .number($0) }),
                ]),
            ]))
    }

    /// What the consumer received, each with when it arrived.
    final class Arrivals: Sendable {
        let received = Mutex<[(message: MQTTMessage, at: ContinuousClock.Instant)]>([])
        var all: [(message: MQTTMessage, at: ContinuousClock.Instant)] { received.withLock { $0 } }
    }

    @Test(
        "SIGKILL of one of two instances under QoS 1 telemetry from 100 drones: the other takes over within 10 s, loses at most the custody window, and keeps a latched stream latched"
    )
    func killOneOfTwo() async throws {
        let cluster = try await Self.cluster()
        // Kept when the test fails: the instances' logs and records say why.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-failover-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let killedOwns = [0, 1, 2, 3]
        let survivorOwns = [4, 5, 6, 7]
        let killed = try Self.start(
            try Self.configuration(folder: folder, instance: "gw-a", port: cluster.mqttPorts[0], owned: killedOwns),
            log: folder.appendingPathComponent("gw-a.log"))
        defer { if killed.isRunning { kill(killed.processIdentifier, SIGKILL) } }
        let survivor = try Self.start(
            try Self.configuration(folder: folder, instance: "gw-b", port: cluster.mqttPorts[1], owned: survivorOwns),
            log: folder.appendingPathComponent("gw-b.log"))
        defer { if survivor.isRunning { kill(survivor.processIdentifier, SIGKILL) } }

        // Both instances present in the cluster (their retained presences), then a moment for their sessions.
        let members = try MQTTClient(options: Self.client(cluster, node: 3, account: "flowgate-ingress"))
        try await members.connect()
        try await members.subscribe("fgc/members/+", qos: 1)
        var present: Set<String> = []
        let membersDeadline = ContinuousClock.now + .seconds(60)
        while present.count < 2, ContinuousClock.now < membersDeadline, killed.isRunning, survivor.isRunning {
            for message in await members.receive(1, within: 1) where !message.payload.isEmpty {
                present.insert(String(message.topic.dropFirst("fgc/members/".count)))
            }
        }
        try #require(present == ["gw-a", "gw-b"], "both instances announce themselves")

        let consumer = try MQTTClient(options: Self.client(cluster, node: 3, account: "ops-centre"))
        try await consumer.connect()
        try await consumer.subscribe("compliant/#", qos: 1)
        try await consumer.subscribe("flowgate/events/#", qos: 1)
        let arrivals = Arrivals()
        let collector = Task {
            for await message in consumer.messages {
                arrivals.received.withLock { $0.append((message, ContinuousClock.now)) }
            }
        }
        defer { collector.cancel() }
        try await Task.sleep(for: .seconds(3))

        let group = try MQTTClientGroup(
            members: Self.drones.enumerated().map { index, drone in
                var options = Self.client(cluster, node: index % 3 + 1, account: drone)
                options.clientID = drone
                return options
            })
        try await group.connect(timeout: .seconds(60))
        let killedDrones = Self.drones.filter { killedOwns.contains(Self.partitioning.partition(of: $0)) }
        let latched = try #require(killedDrones.first)
        let latchedIndex = try #require(Self.drones.firstIndex(of: latched))
        let rounds = 28
        let killRound = 8
        var killedAt: ContinuousClock.Instant?
        var sentAt: [ContinuousClock.Instant] = []
        for round in 1...rounds {
            sentAt.append(.now)
            for (index, drone) in Self.drones.enumerated() {
                try group.send(
                    MQTTMessage(topic: "fleet/\(drone)/telemetry", payload: Self.fix(drone, seq: round), qos: 1),
                    to: index)
            }
            // A face on one of the killed instance's drones latches its stream there; after the takeover a clean
            // grid on that stream must still be blocked by the survivor.
            if round == 3 || round == rounds - 4 {
                try group.send(
                    MQTTMessage(
                        topic: "fleet/\(latched)/payload/cam9",
                        payload: Self.payload(
                            latched, stream: "cam9", seq: round, product: round == 3 ? "face_crop" : "crowd_density"),
                        qos: 1), to: latchedIndex)
            }
            if round == killRound {
                // The latch must have reached the killed instance's hand-over: wait for its event first.
                let latchDeadline = ContinuousClock.now + .seconds(20)
                while !arrivals.all.contains(where: { Self.isEvent($0.message, "stream_suspended", stream: "cam9") }),
                    ContinuousClock.now < latchDeadline
                {
                    try await Task.sleep(for: .milliseconds(50))
                }
                kill(killed.processIdentifier, SIGKILL)
                killedAt = .now
            }
            try await Task.sleep(for: .milliseconds(500))
        }
        try await group.flush()
        let killTime = try #require(killedAt)

        // Everything the survivor will forward: wait until each drone's last round has come, or 30 s.
        let expectedLast = Set(Self.drones.map { "compliant/\($0)/telemetry" })
        let drainDeadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < drainDeadline {
            let last = Set(
                arrivals.all.filter { Self.seq(of: $0.message) == rounds && $0.message.topic.hasSuffix("/telemetry") }
                    .map(\.message.topic))
            if expectedLast.isSubset(of: last) { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        await group.close()

        let all = arrivals.all
        // Takeover: the first of the killed instance's drones forwarded after the kill (by the survivor).
        let killedTopics = Set(killedDrones.map { "compliant/\($0)/telemetry" })
        let firstAfter = all.first { killedTopics.contains($0.message.topic) && $0.at > killTime + .milliseconds(300) }
        let takeover = try #require(firstAfter).at - killTime
        print("failover: takeover after \(takeover)")
        #expect(takeover < .seconds(10), "taken over within the bound")

        var lost = 0
        for drone in Self.drones {
            let forwarded = Set(
                all.filter { $0.message.topic == "compliant/\(drone)/telemetry" }.compactMap {
                    Self.seq(of: $0.message)
                })
            let missing = Set(1...rounds).subtracting(forwarded)
            if killedDrones.contains(drone) {
                lost += missing.count
                // Only what the killed instance held: nothing sent after the takeover is missing.
                for round in missing {
                    #expect(sentAt[round - 1] < killTime + takeover, "\(drone) round \(round) lost after the takeover")
                }
            } else {
                #expect(missing.isEmpty, "the survivor's own drone \(drone) lost \(missing.sorted())")
            }
        }
        print("failover: \(lost) messages lost of \(killedDrones.count * rounds) of the killed instance's drones")
        #expect(lost <= Self.custody, "at most the killed instance's custody window is lost")

        // The latch survived: the clean grid after the takeover is blocked as a suspended stream, never forwarded.
        #expect(!all.contains { $0.message.topic == "compliant/\(latched)/payload/cam9" })
        #expect(
            all.contains {
                $0.at > killTime
                    && Self.isEvent($0.message, "payload_blocked", stream: "cam9", reason: "stream_suspended")
            }, "the survivor blocks the latched stream")

        // The survivor's record says what it took over, and its chain verifies.
        kill(survivor.processIdentifier, SIGTERM)
        #expect(ChildProcess.exitStatus(survivor, within: 30) == 0, "graceful stop exits 0")
        let reader = try AuditReader(path: folder.appendingPathComponent("gw-b.sqlite").path)
        let changes = try reader.records(RecordFilter(kinds: [.event])).filter {
            $0.fields["event"]?.stringValue == "partitions_changed"
        }
        let acquired = Set(
            changes.flatMap { $0.fields["acquired"]?.arrayValue ?? [] }.compactMap(\.doubleValue).map(Int.init))
        #expect(acquired.isSuperset(of: killedOwns), "the survivor recorded taking over \(killedOwns): \(changes)")
        let verified = try await FlowgateProcess.run([
            "audit", "verify", folder.appendingPathComponent("gw-b.sqlite").path,
        ])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        members.disconnect()
        consumer.disconnect()
        if takeover < .seconds(10), lost <= Self.custody, verified.status == 0 {
            try? FileManager.default.removeItem(at: folder)
        }
    }

    static func seq(of message: MQTTMessage) -> Int? {
        guard case .object(let object)? = try? JSONParser.parse(message.payload) else { return nil }
        return object["seq"]?.doubleValue.map(Int.init)
    }

    static func isEvent(_ message: MQTTMessage, _ kind: String, stream: String, reason: String? = nil) -> Bool {
        guard message.topic.hasPrefix("flowgate/events/"),
            case .object(let event)? = try? JSONParser.parse(message.payload),
            event["event"]?.stringValue == kind, event["stream"]?.stringValue == stream
        else { return false }
        guard let reason else { return true }
        return event["reasons"]?.arrayValue?.contains { $0["code"]?.stringValue == reason } ?? false
    }
}
