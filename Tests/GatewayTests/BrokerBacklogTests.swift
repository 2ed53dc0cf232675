import Foundation
import MQTT
import TestSupport
import Testing

/// The shipped broker keeps a consumer's backlog through an outage of the length the README names (5 minutes of
/// a 200-drone fleet): mosquitto's default per-client queue (1,000 messages) dropped forwards the gateway had
/// handed over.
@Suite("The shipped broker's backlog", .serialized)
struct BrokerBacklogTests {
    /// The queue settings of Deploy/mosquitto.conf, as they are shipped.
    static func shippedQueueSettings() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("Deploy/mosquitto.conf"), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init).filter {
            $0.hasPrefix("max_queued_messages ") || $0.hasPrefix("max_queued_bytes ")
        }
        try #require(lines.count == 2, "Deploy/mosquitto.conf sets max_queued_messages and max_queued_bytes")
        return lines.joined(separator: "\n")
    }

    /// 200 drones x (2 fixes + 2 payload messages) per second x 300 s.
    static let outage = 200 * 4 * 300

    @Test("a consumer's persistent session gets every forward published during a 5-minute outage of a 200-drone fleet")
    func consumerBacklog() async throws {
        let broker = try TestBroker(extraConfiguration: "allow_anonymous true\n" + (try Self.shippedQueueSettings()))
        var consumerOptions = MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "ops-centre")
        consumerOptions.cleanSession = false
        let consumer = try MQTTClient(options: consumerOptions)
        try await consumer.connect()
        try await consumer.subscribe("compliant/#", qos: 1)
        consumer.disconnect()

        // The gateway's egress forwards while the consumer is away.
        let egress = try MQTTClient(
            options: MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "flowgate-egress"))
        try await egress.connect()
        for index in 0..<Self.outage {
            let drone = index % 200
            try await egress.send(
                MQTTMessage(
                    topic: "compliant/D\(drone)/telemetry", payload: Array("\(index)".utf8), qos: 1),
                window: 1_000)
        }
        #expect(await egress.flush(timeout: 60))
        egress.disconnect()

        let back = try MQTTClient(options: consumerOptions)
        let received = Task {
            var count = 0
            var last = -1
            var inOrder = true
            for await message in back.messages {
                let index = Int(String(decoding: message.payload, as: UTF8.self)) ?? -1
                if index <= last { inOrder = false }
                last = index
                count += 1
                if count == Self.outage { break }
            }
            return (count, inOrder)
        }
        let timer = Task {
            try? await Task.sleep(for: .seconds(120))
            received.cancel()
        }
        try await back.connect()
        let (count, inOrder) = await received.value
        timer.cancel()
        back.disconnect()
        #expect(count == Self.outage, "the broker kept \(count) of \(Self.outage) forwards")
        #expect(inOrder)
    }
}
