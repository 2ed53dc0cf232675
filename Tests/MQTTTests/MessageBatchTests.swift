import Foundation
import MQTT
import TestSupport
import Testing

/// Taking received messages in batches (what the gateway does): order, the batch limit, the bound on what waits,
/// and a consumer that is cancelled while it waits.
@Suite("MQTT received messages in batches against a real broker", .serialized)
struct MessageBatchTests {
    func client(_ broker: TestBroker, id: String, buffer: Int? = nil) throws -> MQTTClient {
        var options = MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: id)
        options.connectTimeout = 5
        options.maximumBufferedMessages = buffer
        return try MQTTClient(options: options)
    }

    func texts(_ messages: [MQTTMessage]) -> [String] {
        messages.map { String(decoding: $0.payload, as: UTF8.self) }
    }

    @Test("batches come in arrival order, none larger than the limit, and together hold every message once")
    func orderAndLimit() async throws {
        let broker = try TestBroker()
        let subscriber = try client(broker, id: "batch-sub", buffer: 16)
        let publisher = try client(broker, id: "batch-pub")
        try await subscriber.connect()
        try await subscriber.subscribe("fleet/#", qos: 1)
        try await publisher.connect()
        for index in 0..<100 {
            try publisher.send(MQTTMessage(topic: "fleet/D1/telemetry", payload: Array("\(index)".utf8), qos: 1))
        }
        var received: [String] = []
        var largest = 0
        while received.count < 100, let batch = await subscriber.nextBatch(limit: 7) {
            largest = max(largest, batch.count)
            received += texts(batch)
        }
        #expect(received == (0..<100).map { "\($0)" })
        #expect(largest <= 7)
        #expect(subscriber.bufferedMessages == 0)
        subscriber.disconnect()
        publisher.disconnect()
    }

    @Test("a consumer cancelled while it waits gets nil; the next one still waits for and gets what comes")
    func cancelledWait() async throws {
        let broker = try TestBroker()
        let subscriber = try client(broker, id: "cancel-sub")
        let publisher = try client(broker, id: "cancel-pub")
        try await subscriber.connect()
        try await subscriber.subscribe("fleet/#", qos: 1)
        try await publisher.connect()
        let waiting = Task { await subscriber.nextBatch(limit: 10) }
        try await Task.sleep(for: .milliseconds(50))
        waiting.cancel()
        #expect(await waiting.value == nil)
        let next = Task { await subscriber.nextBatch(limit: 10) }
        try await Task.sleep(for: .milliseconds(50))
        try await publisher.publish(MQTTMessage(topic: "fleet/D1/telemetry", payload: Array("after".utf8), qos: 1))
        let batch = await next.value
        #expect(batch.map(texts) == ["after"])
        subscriber.disconnect()
        publisher.disconnect()
    }
}
