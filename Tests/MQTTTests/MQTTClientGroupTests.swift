import Foundation
import MQTT
import Synchronization
import TestSupport
import Testing

/// Many clients on one thread, against a real mosquitto with accounts and an ACL that lets each drone write only
/// its own topics: each member is its own connection, authenticated as itself.
@Suite("MQTT client group against a real broker", .serialized)
struct MQTTClientGroupTests {
    /// A broker where `drones` may each write `fleet/<drone>/...` and `reader` may read everything.
    static func broker(drones: [String]) throws -> TestBroker {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-group-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let passwords = folder.appendingPathComponent("passwd")
        let accounts = (["reader"] + drones).map { "\($0):secret-\($0)" }.joined(separator: "\n") + "\n"
        try accounts.write(to: passwords, atomically: true, encoding: .utf8)
        let tool = Process()
        tool.executableURL = URL(fileURLWithPath: "/usr/bin/mosquitto_passwd")
        tool.arguments = ["-U", passwords.path]
        try tool.run()
        tool.waitUntilExit()
        let acl = folder.appendingPathComponent("acl")
        try "user reader\ntopic read fleet/#\n\npattern write fleet/%u/#\n".write(
            to: acl, atomically: true, encoding: .utf8)
        return try TestBroker(
            extraConfiguration: "allow_anonymous false\npassword_file \(passwords.path)\nacl_file \(acl.path)")
    }

    static func members(_ drones: [String], port: Int, password: (String) -> String = { "secret-\($0)" })
        -> [MQTTOptions]
    {
        drones.map { drone in
            var options = MQTTOptions(host: "127.0.0.1", port: port, clientID: "group-\(drone)")
            options.username = drone
            options.password = password(drone)
            options.reconnectDelay = 1...1
            return options
        }
    }

    static func reader(_ broker: TestBroker, clean: Bool = true) async throws -> MQTTClient {
        var options = MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "group-reader")
        options.username = "reader"
        options.password = "secret-reader"
        options.cleanSession = clean
        options.reconnectDelay = 1...1
        let reader = try MQTTClient(options: options)
        try await reader.connect()
        try await reader.subscribe("fleet/#", qos: 1)
        return reader
    }

    static func message(_ drone: String, _ sequence: Int) -> MQTTMessage {
        MQTTMessage(topic: "fleet/\(drone)/telemetry", payload: Array("\(drone) \(sequence)".utf8), qos: 1)
    }

    /// The sequence numbers received for each drone, in the order received (duplicates left in).
    static func sequences(_ messages: [MQTTMessage]) -> [String: [Int]] {
        var sequences: [String: [Int]] = [:]
        for message in messages {
            let words = String(decoding: message.payload, as: UTF8.self).split(separator: " ")
            sequences[String(words[0]), default: []].append(Int(words[1]) ?? -1)
        }
        return sequences
    }

    @Test("every message arrives once, in order per member, each member acknowledged and writing as itself")
    func publishesInOrder() async throws {
        let drones = (1...40).map { "D\($0)" }
        let broker = try Self.broker(drones: drones)
        let reader = try await Self.reader(broker)
        let group = try MQTTClientGroup(members: Self.members(drones, port: broker.port))
        try await group.connect()
        #expect(group.connected == drones.count)
        let acknowledged = Mutex([String: [Int]]())
        // D1 may not write D2's topics: the broker drops it (MQTT 3.1.1 still acknowledges it). It goes first, so
        // had it been let through, it would be among what the reader receives below.
        try group.send(Self.message("D2", 999), to: 0)
        for sequence in 0..<25 {
            for (index, drone) in drones.enumerated() {
                try group.send(Self.message(drone, sequence), to: index) {
                    acknowledged.withLock { $0[drone, default: []].append(sequence) }
                }
            }
        }
        try await group.flush()
        #expect(group.unacknowledged == 0)
        let received = await reader.receive(drones.count * 25, within: 10)
        await group.close()
        reader.disconnect()
        let sequences = Self.sequences(received)
        for drone in drones {
            #expect(sequences[drone] == Array(0..<25), "\(drone)")
            #expect(acknowledged.withLock { $0[drone] } == Array(0..<25), "\(drone)")
        }
        #expect(received.count == drones.count * 25)
    }

    @Test("a member the broker refuses fails the connection, naming its client id and the reason")
    func refusedMember() async throws {
        let drones = ["D1", "D2", "D3"]
        let broker = try Self.broker(drones: drones)
        let group = try MQTTClientGroup(
            members: Self.members(drones, port: broker.port) { $0 == "D2" ? "wrong" : "secret-\($0)" })
        await #expect {
            try await group.connect(timeout: .seconds(10))
        } throws: { error in
            let text = "\(error)"
            return text.contains("group-D2") && text.contains("refused")
        }
        await group.close()
    }

    @Test("nothing listening: connecting gives up after the timeout, saying how many connected")
    func nothingListening() async throws {
        let refusing = try RefusingPort()
        let group = try MQTTClientGroup(members: Self.members(["D1", "D2"], port: refusing.port))
        let clock = ContinuousClock()
        let started = clock.now
        await #expect {
            try await group.connect(timeout: .milliseconds(1_500))
        } throws: { error in
            "\(error)".contains("0 of 2 connected within")
        }
        #expect(clock.now - started >= .milliseconds(1_500))
        await group.close()
        #expect(throws: MQTTError.self) { try group.send(Self.message("D1", 0), to: 0) }
    }

    @Test("messages sent while the broker is down go out, in order, once it is back")
    func brokerRestart() async throws {
        let drones = ["D1", "D2", "D3", "D4"]
        let broker = try Self.broker(drones: drones)
        // A persistent session, so that what the group publishes before the reader is back waits for it.
        let reader = try await Self.reader(broker, clean: false)
        let group = try MQTTClientGroup(members: Self.members(drones, port: broker.port))
        try await group.connect()
        for (index, drone) in drones.enumerated() { try group.send(Self.message(drone, 0), to: index) }
        try await group.flush()
        let before = await reader.receive(drones.count)
        #expect(before.count == drones.count)
        // Gracefully: the broker saves the reader's session, which keeps what is published before it is back.
        broker.stop(graceful: true)
        for sequence in 1...30 {
            for (index, drone) in drones.enumerated() { try group.send(Self.message(drone, sequence), to: index) }
        }
        try await Task.sleep(for: .milliseconds(500))
        #expect(group.unacknowledged > 0)
        try broker.start()
        try await group.flush()
        #expect(group.connected == drones.count)
        // Read until every drone's last message has come: QoS 1 may repeat some (even message 0, delivered before
        // the restart, whose acknowledgement the broker had not saved), so a count alone could stop short.
        var after: [MQTTMessage] = []
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline, !drones.allSatisfy({ Self.sequences(after)[$0]?.contains(30) == true }) {
            after += await reader.receive(1, within: 1)
        }
        await group.close()
        reader.disconnect()
        let sequences = Self.sequences(after)
        for drone in drones {
            // A repeat is allowed; none is lost or reordered.
            let firsts = (sequences[drone] ?? []).filter { $0 > 0 }.reduce(into: [Int]()) {
                if !$0.contains($1) { $0.append($1) }
            }
            #expect(firsts == Array(1...30), "\(drone): \(sequences[drone] ?? [])")
        }
    }

    @Test("a slowdown spaces each member's messages")
    func slowdown() async throws {
        let drones = ["D1", "D2", "D3", "D4", "D5", "D6"]
        let broker = try Self.broker(drones: drones)
        let group = try MQTTClientGroup(members: Self.members(drones, port: broker.port), slowdown: .milliseconds(200))
        try await group.connect()
        let clock = ContinuousClock()
        let started = clock.now
        for sequence in 0..<5 {
            for (index, drone) in drones.enumerated() { try group.send(Self.message(drone, sequence), to: index) }
        }
        try await group.flush()
        let elapsed = clock.now - started
        await group.close()
        // Five messages each, 0.2 s apart: at least 0.8 s. (No upper bound: a loaded machine may take longer.)
        #expect(elapsed >= .milliseconds(800))
    }
}
