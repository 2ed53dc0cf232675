import Foundation
import MQTT
import TestSupport
import Testing

/// The ACL file in Deploy/ on a real mosquitto: the gateway cannot be bypassed.
@Suite("The shipped broker ACLs", .serialized)
struct ShippedACLTests {
    static let users = ["flowgate", "D1", "D2", "ops-centre", "duty-officer"]

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
        return try TestBroker(
            extraConfiguration: "allow_anonymous false\npassword_file \(passwords.path)\nacl_file \(acl)")
    }

    static func client(_ broker: TestBroker, _ user: String?) async throws -> MQTTClient {
        var options = MQTTOptions(
            host: "127.0.0.1", port: broker.port, clientID: "\(user ?? "anonymous")-\(UUID().uuidString.prefix(6))")
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
        let controller = try await client(broker, control == "fleet/D1/telemetry" ? "D1" : "flowgate")
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
            reader: "flowgate", filter: "#", control: "compliant/control")
        // The gateway reads fleet/# and (as everyone) compliant/# and flowgate/#: it sees only D1's own topic.
        #expect(seen == ["fleet/D1/telemetry", "compliant/control"])
    }

    @Test("a consumer cannot write compliant/ or fleet/, and cannot read raw drone data")
    func consumerReadOnly() async throws {
        let broker = try Self.broker()
        let written = try await Self.delivered(
            broker, writer: "ops-centre", topics: ["compliant/D1/telemetry", "fleet/D1/telemetry", "flowgate/status"],
            reader: "flowgate", filter: "#", control: "compliant/control")
        #expect(written == ["compliant/control"])
        let read = try await Self.delivered(
            broker, writer: "D1", topics: ["fleet/D1/telemetry"], reader: "ops-centre", filter: "#",
            control: "compliant/control")
        #expect(read == ["compliant/control"])
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
                broker, writer: writer, topics: ["flowgate/control/streams"], reader: "flowgate", filter: "flowgate/#",
                control: "flowgate/status")
            #expect(seen == ["flowgate/status"], "\(writer) could write a release order")
        }
        let seen = try await Self.delivered(
            broker, writer: "duty-officer", topics: ["flowgate/control/streams", "compliant/D1/telemetry"],
            reader: "flowgate", filter: "#", control: "flowgate/status")
        #expect(seen == ["flowgate/control/streams", "flowgate/status"])
    }
}
