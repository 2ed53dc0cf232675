import Foundation
import MQTT
import TestSupport
import Testing

/// The ACL file in Deploy/ (written by `flowgate config acl` for the example configuration) on a real mosquitto
/// with the shipped settings: the gateway cannot be bypassed, and nobody can pose as another.
@Suite("The shipped broker ACLs", .serialized)
struct ShippedACLTests {
    static let users = ["flowgate-ingress", "flowgate-egress", "D1", "D2", "ops-centre", "duty-officer"]

    static func broker() throws -> TestBroker {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-acl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let passwords = folder.appendingPathComponent("passwd")
        for (index, user) in users.enumerated() {
            let tool = Process()
            tool.executableURL = URL(fileURLWithPath: "/usr/bin/mosquitto_passwd")
            tool.arguments = (index == 0 ? ["-c"] : []) + ["-b", passwords.path, user, "secret-\(user)"]
            try tool.run()
            while tool.isRunning { usleep(10_000) }
        }
        let acl = root.appendingPathComponent("Deploy/mosquitto.acl").path
        // The shipped mosquitto.conf's access settings, on the test's own listener.
        return try TestBroker(
            extraConfiguration:
                "allow_anonymous false\npassword_file \(passwords.path)\nacl_file \(acl)\nuse_username_as_clientid true"
        )
    }

    /// The shipped mosquitto.conf binds client ids to accounts and keeps a 5-minute backlog of a 200-drone fleet.
    @Test("the shipped mosquitto.conf binds each client id to its account and keeps a large backlog")
    func shippedSettings() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("Deploy/mosquitto.conf"), encoding: .utf8)
        let lines = Set(text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        #expect(lines.contains("use_username_as_clientid true"))
        #expect(lines.contains("allow_anonymous false"))
        #expect(lines.contains("max_queued_messages 300000"))
    }

    static func client(_ broker: TestBroker, _ user: String?, clientID: String? = nil) async throws -> MQTTClient {
        var options = MQTTOptions(
            host: "127.0.0.1", port: broker.port,
            clientID: clientID ?? "\(user ?? "anonymous")-\(UUID().uuidString.prefix(6))")
        options.username = user
        options.password = user.map { "secret-\($0)" }
        options.connectTimeout = 3
        let client = try MQTTClient(options: options)
        try await client.connect()
        return client
    }

    /// What `reader` receives on `filter` when `writer` publishes to each of `topics` and then a control message
    /// the reader may see (so that the absence of the others is not just slowness).
    static func delivered(
        _ broker: TestBroker, writer: String, topics: [String], reader: String, filter: String, control: String
    ) async throws -> [String] {
        let receiver = try await client(broker, reader)
        try await receiver.subscribe(filter, qos: 1)
        let sender = try await client(broker, writer)
        for topic in topics { try await sender.publish(MQTTMessage(topic: topic, payload: Array(topic.utf8), qos: 1)) }
        let controller = try await client(broker, control == "fleet/D1/telemetry" ? "D1" : "flowgate-egress")
        try await controller.publish(MQTTMessage(topic: control, payload: Array("control".utf8), qos: 1))
        var topicsSeen: [String] = []
        let collector = Task { () -> [String] in
            var seen: [String] = []
            for await message in receiver.messages {
                seen.append(message.topic)
                if String(decoding: message.payload, as: UTF8.self) == "control" { break }
            }
            return seen
        }
        let timer = Task {
            guard (try? await Task.sleep(for: .seconds(5))) != nil else { return }
            collector.cancel()
        }
        topicsSeen = await collector.value
        timer.cancel()
        for client in [receiver, sender, controller] { client.disconnect() }
        return topicsSeen
    }

    @Test("a drone writes only its own fleet topics: not another drone's, not compliant/, not flowgate/")
    func droneConfined() async throws {
        let broker = try Self.broker()
        let seen = try await Self.delivered(
            broker, writer: "D1",
            topics: ["fleet/D2/telemetry", "compliant/D1/telemetry", "flowgate/status", "fleet/D1/telemetry"],
            reader: "flowgate-ingress", filter: "#", control: "compliant/control")
        // The gateway reads fleet/# and (as everyone) compliant/# and flowgate/#: it sees only D1's own topic.
        #expect(seen == ["fleet/D1/telemetry", "compliant/control"])
    }

    @Test("a consumer cannot write compliant/ or fleet/, and cannot read raw drone data")
    func consumerReadOnly() async throws {
        let broker = try Self.broker()
        let written = try await Self.delivered(
            broker, writer: "ops-centre", topics: ["compliant/D1/telemetry", "fleet/D1/telemetry", "flowgate/status"],
            reader: "flowgate-ingress", filter: "#", control: "compliant/control")
        #expect(written == ["compliant/control"])
        let read = try await Self.delivered(
            broker, writer: "D1", topics: ["fleet/D1/telemetry"], reader: "ops-centre", filter: "#",
            control: "compliant/control")
        #expect(read == ["compliant/control"])
    }

    @Test("consumers and operators cannot publish as drones, under fleet/ in their own name or any other")
    func nobodyPosesAsADrone() async throws {
        let broker = try Self.broker()
        for writer in ["ops-centre", "duty-officer", "flowgate-egress"] {
            let seen = try await Self.delivered(
                broker, writer: writer,
                topics: ["fleet/\(writer)/telemetry", "fleet/\(writer)/payload/cam0", "fleet/D1/telemetry"],
                reader: "flowgate-ingress", filter: "fleet/#", control: "fleet/D1/telemetry")
            #expect(seen == ["fleet/D1/telemetry"], "\(writer) wrote under fleet/")
        }
    }

    @Test("no account can take the gateway's client ids: its sessions stay connected")
    func clientIDTakeover() async throws {
        let broker = try Self.broker()
        let gateway = try await Self.client(broker, "flowgate-ingress", clientID: "flowgate-ingress")
        try await gateway.subscribe("fleet/#", qos: 1)
        let losses = Task {
            var lost = 0
            for await event in gateway.events {
                if case .disconnected = event { lost += 1 }
            }
            return lost
        }
        // A drone, a consumer and an operator try the gateway's ids, five times each.
        for account in ["D1", "ops-centre", "duty-officer"] {
            for id in ["flowgate-ingress", "flowgate-egress"] {
                for _ in 0..<5 {
                    let intruder = try await Self.client(broker, account, clientID: id)
                    intruder.disconnect()
                }
            }
        }
        let received = Task {
            for await message in gateway.messages where String(decoding: message.payload, as: UTF8.self) == "after" {
                return true
            }
            return false
        }
        let drone = try await Self.client(broker, "D1")
        try await drone.publish(MQTTMessage(topic: "fleet/D1/telemetry", payload: Array("after".utf8), qos: 1))
        let timer = Task {
            try? await Task.sleep(for: .seconds(5))
            received.cancel()
        }
        #expect(await received.value, "the gateway's session was knocked off")
        timer.cancel()
        losses.cancel()
        #expect(await losses.value == 0, "the gateway's connection was lost")
        gateway.disconnect()
        drone.disconnect()
    }

    @Test("anonymous clients and wrong passwords are refused")
    func noAnonymous() async throws {
        let broker = try Self.broker()
        await #expect(throws: MQTTError.self) { _ = try await Self.client(broker, nil) }
        var options = MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "intruder")
        options.username = "D1"
        options.password = "guess"
        options.connectTimeout = 3
        let intruder = try MQTTClient(options: options)
        await #expect(throws: MQTTError.self) { try await intruder.connect() }
        intruder.disconnect()
    }

    @Test("only an operator writes release orders on the control topic; drones and consumers cannot")
    func operatorReleases() async throws {
        let broker = try Self.broker()
        for writer in ["D1", "ops-centre"] {
            let seen = try await Self.delivered(
                broker, writer: writer, topics: ["flowgate/control/streams"], reader: "flowgate-ingress",
                filter: "flowgate/#",
                control: "flowgate/status")
            #expect(seen == ["flowgate/status"], "\(writer) could write a release order")
        }
        let seen = try await Self.delivered(
            broker, writer: "duty-officer", topics: ["flowgate/control/streams", "compliant/D1/telemetry"],
            reader: "flowgate-ingress", filter: "#", control: "flowgate/status")
        #expect(seen == ["flowgate/control/streams", "flowgate/status"])
    }
}
