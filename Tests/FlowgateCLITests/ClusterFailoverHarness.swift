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

/// Gateway instances (`flowgate run` processes) with failover on the shipped three-node NATS cluster (real
/// `nats-server` processes), a consumer that notes when each message arrives, and 100 drones that publish QoS 1
/// telemetry in rounds.
final class ClusterFailoverHarness {
    static let drones = (1...100).map { "D\($0)" }
    static let partitioning = try! ClusterPartitioning(count: 8)
    /// What an instance may hold and lose: its custody window.
    static let custody = 64

    let cluster: TestNATSCluster
    /// The instances' configurations, logs and records; removed by ``cleanUp()`` when the test passed.
    let folder: URL
    private(set) var instances: [String: Process] = [:]
    let consumer: MQTTClient
    private let received = ArrivalLog()
    private var collector: Task<Void, Never>?

    init() async throws {
        let names = ["flowgate-ingress", "flowgate-egress", "ops-centre"] + Self.drones
        let accounts = NATSAccounts(
            partitioning: Self.partitioning, ingressAccount: "flowgate-ingress", egressAccount: "flowgate-egress",
            operators: [], consumers: ["ops-centre"], drones: Self.drones,
            passwords: Dictionary(uniqueKeysWithValues: names.map { ($0, "secret-\($0)") }))
        cluster = try await TestNATSCluster(
            deploy: FlowgateProcess.packageRoot.appendingPathComponent("Deploy/nats"), accounts: accounts.text,
            probe: ("ops-centre", "secret-ops-centre"))
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-failover-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // The hand-overs' key, the same for every instance (as `openssl rand -hex 32` writes it).
        try (String(repeating: "7e", count: 32) + "\n").write(
            to: folder.appendingPathComponent("cluster.key"), atomically: true, encoding: .utf8)
        consumer = try MQTTClient(options: Self.client(cluster, node: 3, account: "ops-centre"))
    }

    deinit {
        collector?.cancel()
        for process in instances.values where process.isRunning { kill(process.processIdentifier, SIGKILL) }
        consumer.disconnect()
    }

    static func client(_ cluster: TestNATSCluster, node: Int, account: String) -> MQTTOptions {
        var options = MQTTOptions(
            host: "127.0.0.1", port: cluster.mqttPorts[node - 1], clientID: "\(account)-\(UUID())")
        options.username = account
        options.password = "secret-\(account)"
        options.connectTimeout = 30
        return options
    }

    /// Starts an instance on `node`, preferring `owned`. Every instance has the same ingress client id, so that
    /// each partition's session is the same whichever instance holds it.
    /// - Parameters:
    ///   - bundle: the zone bundle (the demo site's by default).
    ///   - exerciseClock: the exercise clock the instance judges by (`--exercise-clock`), if any.
    ///   - alternates: the other nodes the instance may move to when its own is unreachable for a second.
    func start(
        _ instance: String, node: Int, owned: [Int], bundle: String = FlowgateProcess.demoBundle,
        exerciseClock: String? = nil, alternates: [Int] = []
    ) throws {
        let file = folder.appendingPathComponent("\(instance).yaml")
        let port = cluster.mqttPorts[node - 1]
        let moves =
            alternates.isEmpty
            ? ""
            : ", alternates: [\(alternates.map { "\"127.0.0.1:\(cluster.mqttPorts[$0 - 1])\"" }.joined(separator: ", "))]"
                + ", switch_after_s: 1"
        try """
        bundle: \(FlowgateProcess.packageRoot.appendingPathComponent(bundle).path)
        ingress: {host: 127.0.0.1, port: \(port), client_id: flowgate, username: flowgate-ingress, password: secret-flowgate-ingress, keepalive_s: 5\(moves)}
        egress: {host: 127.0.0.1, port: \(port), client_id: \(instance)-out, username: flowgate-egress, password: secret-flowgate-egress, keepalive_s: 5\(moves)}
        custody: {messages: \(Self.custody)}
        audit: {path: \(record(instance).path), batch_window_ms: 20, checkpoint: none}
        cluster:
          partitions: \(Self.partitioning.count)
          instance: \(instance)
          owned: [\(owned.map(String.init).joined(separator: ", "))]
          failover: {heartbeat_s: 0.5, lease_s: 2, key_file: cluster.key}
        """.write(to: file, atomically: true, encoding: .utf8)
        let log = folder.appendingPathComponent("\(instance).log")
        if !FileManager.default.fileExists(atPath: log.path) {
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        }
        let output = try FileHandle(forWritingTo: log)
        output.seekToEndOfFile()
        let process = Process()
        process.executableURL = try FlowgateProcess.executableURL.get()
        process.arguments = ["run", "--config", file.path] + (exerciseClock.map { ["--exercise-clock", $0] } ?? [])
        process.standardOutput = output
        process.standardError = output
        try process.run()
        instances[instance] = process
    }

    func record(_ instance: String) -> URL { folder.appendingPathComponent("\(instance).sqlite") }

    func process(_ instance: String) -> Process? { instances[instance] }

    /// Waits until every instance has announced itself (its retained presence), then subscribes the consumer
    /// and gives the instances a moment to open their partitions' sessions.
    func waitUntilPresent(_ expected: Set<String>) async throws {
        let members = try MQTTClient(options: Self.client(cluster, node: 3, account: "flowgate-ingress"))
        try await members.connect()
        defer { members.disconnect() }
        try await members.subscribe("fgc/members/+", qos: 1)
        var present: Set<String> = []
        let deadline = ContinuousClock.now + .seconds(60)
        while !expected.isSubset(of: present), ContinuousClock.now < deadline,
            instances.values.allSatisfy(\.isRunning)
        {
            for message in await members.receive(1, within: 1) where !message.payload.isEmpty {
                present.insert(String(message.topic.dropFirst("fgc/members/".count)))
            }
        }
        try #require(expected.isSubset(of: present), "instances announced: \(present); logs in \(folder.path)")
        try await consumer.connect()
        try await consumer.subscribe("compliant/#", qos: 1)
        try await consumer.subscribe("flowgate/events/#", qos: 1)
        try await consumer.subscribe("flowgate/status/+", qos: 1)
        collector = Task { [consumer, received] in
            for await message in consumer.messages {
                received.entries.withLock { $0.append((message, ContinuousClock.now)) }
            }
        }
        try await Task.sleep(for: .seconds(3))
    }

    var arrivals: [(message: MQTTMessage, at: ContinuousClock.Instant)] { received.entries.withLock { $0 } }

    /// Each message the consumer received, with when it arrived.
    final class ArrivalLog: Sendable {
        let entries = Mutex<[(message: MQTTMessage, at: ContinuousClock.Instant)]>([])
    }

    /// The drones (each its own connection on one of `nodes`) publish `rounds` rounds of one fix each, every
    /// half second; `each` runs after every round is handed to the connections. Returns when each round went.
    func stream(
        rounds: Int, nodes: [Int], each: (Int, MQTTClientGroup) async throws -> Void
    ) async throws -> [ContinuousClock.Instant] {
        let group = try MQTTClientGroup(
            members: Self.drones.enumerated().map { index, drone in
                var options = Self.client(cluster, node: nodes[index % nodes.count], account: drone)
                options.clientID = drone
                return options
            })
        try await group.connect(timeout: .seconds(60))
        var sentAt: [ContinuousClock.Instant] = []
        for round in 1...rounds {
            sentAt.append(.now)
            for (index, drone) in Self.drones.enumerated() {
                try group.send(
                    MQTTMessage(topic: "fleet/\(drone)/telemetry", payload: Self.fix(drone, seq: round), qos: 1),
                    to: index)
            }
            try await each(round, group)
            try await Task.sleep(for: .milliseconds(500))
        }
        try await group.flush()
        // What the instances still forward: until every drone's last round has come, or 30 s.
        let expected = Set(Self.drones.map { "compliant/\($0)/telemetry" })
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            let last = Set(arrivals.filter { Self.seq(of: $0.message) == rounds }.map(\.message.topic))
            if expected.isSubset(of: last) { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        await group.close()
        return sentAt
    }

    /// ``stream(rounds:nodes:each:)`` from the drones on nodes 2 and 3, NATS node 1 killed after round 8.
    /// Returns when each round went and when node 1 was killed.
    func streamKillingNodeOne(rounds: Int) async throws -> (
        sentAt: [ContinuousClock.Instant], killedAt: ContinuousClock.Instant
    ) {
        var killedAt: ContinuousClock.Instant?
        let sentAt = try await stream(rounds: rounds, nodes: [2, 3]) { round, _ in
            if round == 8 {
                self.cluster.stop(node: 1)
                killedAt = .now
            }
        }
        return (sentAt, try #require(killedAt))
    }

    /// The rounds of a drone's telemetry the consumer received.
    func forwardedRounds(of drone: String) -> Set<Int> {
        Set(
            arrivals.filter { $0.message.topic == "compliant/\(drone)/telemetry" }.compactMap {
                Self.seq(of: $0.message)
            })
    }

    /// The rounds of `taken` (the drones whose instance went) that never arrived, checked: each was sent before
    /// the takeover and lies within a reported `seq_gap`; the other drones lost nothing.
    func countLosses(
        of taken: [String], rounds: Int, sentAt: [ContinuousClock.Instant], takenOverAt: ContinuousClock.Instant
    ) -> Int {
        var lost = 0
        for drone in Self.drones {
            let missing = Set(1...rounds).subtracting(forwardedRounds(of: drone))
            guard taken.contains(drone) else {
                #expect(missing.isEmpty, "\(drone), whose instance stayed, lost \(missing.sorted())")
                continue
            }
            lost += missing.count
            for round in missing {
                #expect(sentAt[round - 1] < takenOverAt, "\(drone) round \(round) lost after the takeover")
            }
            #expect(gapCovers(drone: drone, missing), "\(drone): the loss of \(missing.sorted()) is reported")
        }
        return lost
    }

    /// Whether the rounds of `drone` that never arrived are all within a `seq_gap` event the consumer received
    /// (between its `confirmed_seq` and `next_seq`): every loss is reported, and recorded.
    func gapCovers(drone: String, _ missing: Set<Int>) -> Bool {
        guard let low = missing.min(), let high = missing.max() else { return true }
        return arrivals.contains { arrival in
            guard arrival.message.topic == "flowgate/events/\(drone)",
                case .object(let event)? = try? JSONParser.parse(arrival.message.payload),
                event["event"]?.stringValue == "seq_gap", let confirmed = event["confirmed_seq"]?.doubleValue,
                let next = event["next_seq"]?.doubleValue
            else { return false }
            return Int(confirmed) < low && Int(next) > high
        }
    }

    /// How long after `killedAt` the first telemetry of `drones` arrived (forwarded by the instance that took
    /// them over: what the dead one sent is in before `killedAt` plus 300 ms); printed.
    func takeover(of drones: [String], killedAt: ContinuousClock.Instant, what: String) throws -> Duration {
        let first = try #require(firstTelemetry(of: drones, after: killedAt + .milliseconds(300)))
        print("failover (\(what)): takeover after \(first - killedAt)")
        return first - killedAt
    }

    /// When the first telemetry of `drones` arrived after `instant`.
    func firstTelemetry(of drones: [String], after instant: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        let topics = Set(drones.map { "compliant/\($0)/telemetry" })
        return arrivals.first { topics.contains($0.message.topic) && $0.at > instant }?.at
    }

    /// Waits until an event of `kind` about `stream` has arrived.
    func waitForEvent(_ kind: String, stream: String, within seconds: Double = 20) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while !arrivals.contains(where: { Self.isEvent($0.message, kind, stream: stream) }),
            ContinuousClock.now < deadline
        {
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: folder)
    }

    static func drones(in partitions: [Int]) -> [String] {
        drones.filter { partitions.contains(partitioning.partition(of: $0)) }
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

    static func seq(of message: MQTTMessage) -> Int? {
        guard message.topic.hasSuffix("/telemetry"), case .object(let object)? = try? JSONParser.parse(message.payload)
        else { return nil }
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
