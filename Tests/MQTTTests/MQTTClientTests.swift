import Foundation
import MQTT
import TestSupport
import Testing

/// The client against a real mosquitto started for each test on a free loopback port.
@Suite("MQTT client against a real broker", .serialized)
struct MQTTClientTests {
    func client(_ broker: TestBroker, id: String, clean: Bool = true, configure: (inout MQTTOptions) -> Void = { _ in })
        throws -> MQTTClient
    {
        var options = MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: id)
        options.cleanSession = clean
        options.connectTimeout = 5
        options.reconnectDelay = 1...2
        configure(&options)
        return try MQTTClient(options: options)
    }

    @Test("publish and receive at QoS 0, 1 and 2", arguments: [0, 1, 2])
    func roundTrip(qos: Int) async throws {
        let broker = try TestBroker()
        let subscriber = try client(broker, id: "sub-\(qos)")
        let publisher = try client(broker, id: "pub-\(qos)")
        try await subscriber.connect()
        try await subscriber.subscribe("fleet/+/telemetry", qos: qos)
        try await publisher.connect()
        let payload = Array("{\"seq\":\(qos)}".utf8)
        try await publisher.publish(MQTTMessage(topic: "fleet/D1/telemetry", payload: payload, qos: qos))
        let received = await subscriber.receive(1)
        #expect(received.map(\.topic) == ["fleet/D1/telemetry"])
        #expect(received.first?.payload == payload)
        #expect(received.first?.qos == qos)
        subscriber.disconnect()
        publisher.disconnect()
    }

    @Test("a retained last will is published when the client vanishes without disconnecting")
    func lastWill() async throws {
        let broker = try TestBroker()
        let observer = try client(broker, id: "observer")
        try await observer.connect()
        try await observer.subscribe("flowgate/status", qos: 1)
        do {
            let gateway = try client(broker, id: "gateway") { options in
                options.will = MQTTMessage(
                    topic: "flowgate/status", payload: Array("offline".utf8), qos: 1, retain: true)
                options.keepAlive = 5
            }
            try await gateway.connect()
            try await gateway.publish(
                MQTTMessage(topic: "flowgate/status", payload: Array("online".utf8), qos: 1, retain: true))
            // As in a crash: the socket closes without a DISCONNECT packet.
            gateway.abandon()
        }
        let received = await observer.receive(2, within: 10)
        #expect(received.map { String(decoding: $0.payload, as: UTF8.self) } == ["online", "offline"])
        // Retained: a late subscriber still learns the gateway is offline.
        let late = try client(broker, id: "late")
        try await late.connect()
        try await late.subscribe("flowgate/status", qos: 1)
        let retained = await late.receive(1)
        #expect(retained.first.map { String(decoding: $0.payload, as: UTF8.self) } == "offline")
        #expect(retained.first?.retain == true)
    }

    @Test("a persistent session receives the QoS 1 messages published while it was away")
    func persistentSession() async throws {
        let broker = try TestBroker()
        do {
            let ingress = try client(broker, id: "flowgate-ingress", clean: false)
            try await ingress.connect()
            try await ingress.subscribe("fleet/#", qos: 1)
            ingress.disconnect()
        }
        let drone = try client(broker, id: "D1")
        try await drone.connect()
        for seq in 1...20 {
            try await drone.publish(MQTTMessage(topic: "fleet/D1/telemetry", payload: Array("\(seq)".utf8), qos: 1))
        }
        let ingress = try client(broker, id: "flowgate-ingress", clean: false)
        try await ingress.connect()
        let received = await ingress.receive(20)
        #expect(received.map { String(decoding: $0.payload, as: UTF8.self) } == (1...20).map(String.init))
        ingress.disconnect()
        drone.disconnect()
    }

    @Test("after the broker restarts the client reconnects and resubscribes by itself")
    func reconnects() async throws {
        let broker = try TestBroker()
        let subscriber = try client(broker, id: "resubscriber", clean: true)
        try await subscriber.connect()
        try await subscriber.subscribe("fleet/+/telemetry", qos: 1)
        broker.stop()  // as in a crash of the broker
        try broker.start()
        // Wait for the reconnection event.
        var reconnected = false
        for _ in 0..<100 where !reconnected {
            try await Task.sleep(for: .milliseconds(100))
            reconnected = subscriber.isConnected
        }
        #expect(reconnected)
        // The resubscription travels after the CONNACK: publish until it has arrived (a clean session keeps
        // nothing for the subscriber before that), at most 50 times.
        let publisher = try client(broker, id: "after-restart")
        try await publisher.connect()
        let repeating = Task {
            for _ in 0..<50 {
                try await publisher.publish(
                    MQTTMessage(topic: "fleet/D2/telemetry", payload: Array("back".utf8), qos: 1))
                try await Task.sleep(for: .milliseconds(200))
            }
        }
        let received = await subscriber.receive(1, within: 10)
        repeating.cancel()
        #expect(received.first.map { String(decoding: $0.payload, as: UTF8.self) } == "back")
    }

    @Test("a refused login names the broker's reason")
    func refusedLogin() async throws {
        let broker = try TestBroker(extraConfiguration: "allow_anonymous false")
        let anonymous = try client(broker, id: "anonymous")
        await #expect(throws: MQTTError.self) { try await anonymous.connect() }
        do {
            try await anonymous.connect()
        } catch let error as MQTTError {
            #expect(error.message.contains("not authorised") || error.message.contains("Connection Refused"))
        }
        anonymous.disconnect()
    }

    @Test("an unreachable broker times out with a clear error and a client error carries its MOSQ_ERR code")
    func errors() async throws {
        var options = MQTTOptions(host: "127.0.0.1", port: try TestBroker.freePort(), clientID: "lonely")
        options.connectTimeout = 1
        let lonely = try MQTTClient(options: options)
        do {
            try await lonely.connect()
            Issue.record("connect succeeded without a broker")
        } catch let error as MQTTError {
            #expect(error.message.contains("no answer within"))
        }
        lonely.disconnect()
        // Publishing on a client that never connected fails with libmosquitto's own code.
        let idle = try MQTTClient(options: MQTTOptions(host: "127.0.0.1", port: 1, clientID: "idle"))
        do {
            try await idle.publish(MQTTMessage(topic: "a", payload: [1], qos: 1))
            Issue.record("publish succeeded without a connection")
        } catch let error as MQTTError {
            #expect(error.code != nil)
            #expect(error.description.contains("MOSQ_ERR"))
        }
    }
}
