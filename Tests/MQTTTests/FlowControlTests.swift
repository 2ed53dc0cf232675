import Foundation
import MQTT
import TestSupport
import Testing

/// Bounded buffers on both sides of the gateway: received messages wait in a bounded buffer (the network thread
/// stops reading when it is full), and pipelined sending keeps a bounded number of messages unacknowledged.
@Suite("MQTT flow control against a real broker", .serialized)
struct FlowControlTests {
    func client(_ broker: TestBroker, id: String, configure: (inout MQTTOptions) -> Void = { _ in }) throws
        -> MQTTClient
    {
        var options = MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: id)
        options.connectTimeout = 5
        options.reconnectDelay = 1...1
        configure(&options)
        return try MQTTClient(options: options)
    }

    /// Polls `condition` every 10 ms for up to `seconds`.
    func eventually(within seconds: Double = 5, _ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition()
    }

    @Test("a slow consumer holds at most the buffer's capacity; the rest waits at the broker and nothing is lost")
    func boundedReceiveBuffer() async throws {
        let broker = try TestBroker()
        let subscriber = try client(broker, id: "slow-consumer") { $0.maximumBufferedMessages = 4 }
        let publisher = try client(broker, id: "fast-producer")
        try await subscriber.connect()
        try await subscriber.subscribe("fleet/#", qos: 1)
        try await publisher.connect()
        for index in 0..<200 {
            try publisher.send(MQTTMessage(topic: "fleet/D1/telemetry", payload: Array("\(index)".utf8), qos: 1))
        }
        #expect(await eventually { subscriber.bufferedMessages == 4 })
        #expect(await publisher.flush(timeout: 5))
        // Everything was published; still only the capacity is held by the client.
        #expect(subscriber.bufferedMessages == 4)
        var received: [String] = []
        for await message in subscriber.messages {
            received.append(String(decoding: message.payload, as: UTF8.self))
            if received.count == 200 { break }
        }
        #expect(received == (0..<200).map { "\($0)" })
        subscriber.disconnect()
        publisher.disconnect()
    }

    func collect(_ count: Int, from client: MQTTClient) async -> Set<String> {
        var received: Set<String> = []
        for await message in client.messages {
            received.insert(String(decoding: message.payload, as: UTF8.self))
            if received.count == count { break }
        }
        return received
    }

    func message(_ text: String) -> MQTTMessage {
        MQTTMessage(topic: "compliant/D1/telemetry", payload: Array(text.utf8), qos: 1)
    }

    @Test("pipelined sending keeps at most its window unacknowledged and waits while the window is full")
    func sendWindow() async throws {
        let broker = try TestBroker()
        let subscriber = try client(broker, id: "window-sub")
        try await subscriber.connect()
        try await subscriber.subscribe("compliant/#", qos: 1)
        let publisher = try client(broker, id: "window-pub")
        try await publisher.connect()
        broker.pause()
        for index in 0..<3 { try await publisher.send(message("\(index)"), window: 3) }
        #expect(publisher.unacknowledged == 3)
        let fourth = Task { try await publisher.send(message("3"), window: 3) }
        try await Task.sleep(for: .milliseconds(200))
        #expect(publisher.unacknowledged == 3, "the fourth message waits for room in the window")
        broker.resume()
        try await fourth.value
        #expect(await publisher.flush(timeout: 10))
        #expect(await collect(4, from: subscriber) == ["0", "1", "2", "3"])
        subscriber.disconnect()
        publisher.disconnect()
    }

    @Test("pipelined sending waits out a broker restart instead of failing, and delivers everything")
    func sendAcrossRestart() async throws {
        let broker = try TestBroker()
        // A persistent subscriber: its subscription survives the restart, so what arrives after it is kept for it.
        let subscriber = try client(broker, id: "restart-sub") { $0.cleanSession = false }
        try await subscriber.connect()
        try await subscriber.subscribe("compliant/#", qos: 1)
        let publisher = try client(broker, id: "restart-pub")
        try await publisher.connect()
        broker.stop(graceful: true)
        #expect(await eventually { !publisher.isConnected })
        let sending = Task {
            for index in 0..<4 { try await publisher.send(message("\(index)"), window: 10) }
        }
        try await Task.sleep(for: .milliseconds(100))
        try broker.start()
        try await sending.value
        #expect(await publisher.flush(timeout: 10))
        #expect(await collect(4, from: subscriber) == ["0", "1", "2", "3"])
        subscriber.disconnect()
        publisher.disconnect()
    }
}
