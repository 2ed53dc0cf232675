import Compliance
import Crypto
import Foundation
import Gateway
import Geo
import MQTT
import ServiceLifecycle
import StrictJSON
import TestSupport
import Testing

/// Payload messages through a real mosquitto and the running gateway: a drone publishes telemetry and payload
/// on `fleet/…`, a consumer reads `compliant/…` and `flowgate/…`, an operator writes the control topic.
@Suite("Payload end to end through a real broker", .serialized)
struct PayloadEndToEndTests {
    static func payload(
        stream: String, product: String = "crowd_density", counts: [Int] = [0, 14, 31, 7, 0, 52],
        drone: String = "D1"
    ) -> [UInt8] {
        let object: JSONObject = [
            "v": .number(1), "drone": .string(drone), "mission": "M-1", "stream": .string(stream), "seq": .number(1),
            "time": .string(RFC3339.format(Date())), "product": .string(product),
            "data": .object([
                "origin": .object(["lat": .number(52.5165), "lon": .number(13.3770)]), "cell_m": .number(10),
                "rows": .number(2), "cols": .number(3), "counts": .array(counts.map { .number($0) }),
            ]),
        ]
        return JSONWriter.bytes(.object(object))
    }

    static func events(_ messages: [MQTTMessage]) -> [JSONObject] {
        messages.filter { $0.topic == "flowgate/events/D1" }.compactMap {
            try? JSONParser.parse($0.payload).objectValue
        }
    }

    /// Whether an event of `kind` about `stream` is among the messages (and, if given, with these reasons).
    static func has(_ messages: [MQTTMessage], _ kind: String, stream: String? = nil, reasons: [String]? = nil)
        -> Bool
    {
        events(messages).contains { event in
            event["event"]?.stringValue == kind && (stream == nil || event["stream"]?.stringValue == stream)
                && (reasons == nil || event["reasons"]?.arrayValue?.compactMap { $0["code"]?.stringValue } == reasons)
        }
    }

    static func on(_ topic: String, _ messages: [MQTTMessage]) -> [JSONObject] {
        messages.filter { $0.topic == topic }.compactMap { try? JSONParser.parse($0.payload).objectValue }
    }

    @Test("forward, redact, identification then suspension, an operator's release, and a spoofed drone")
    func payloadEndToEnd() async throws {
        let broker = try TestBroker()
        var config = TestGateway.config(broker, clientID: "flowgate-payload")
        let operatorKey = Curve25519.Signing.PrivateKey()
        config.policy.operatorKeys = ["duty-officer-7": operatorKey.publicKey.rawRepresentation]
        let gateway = try TestGateway.make(config)
        let group = ServiceGroup(services: [gateway], logger: TestGateway.logger)
        let consumer = try MQTTClient(options: MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "consumer"))
        try await consumer.connect()
        try await consumer.subscribe("compliant/#", qos: 1)
        try await consumer.subscribe("flowgate/#", qos: 1)
        let running = Task { try await group.run() }
        let online = await GatewayEndToEndTests.collect(consumer) { $0.contains { $0.topic == "flowgate/status" } }
        try #require(online.map(GatewayEndToEndTests.text).contains("online"))

        let drone = try MQTTClient(options: MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "D1"))
        try await drone.connect()
        var seq = 0
        // A payload passes only with a fix at most 5 s old: each round starts with a fresh one.
        func send(_ messages: [(stream: String, payload: [UInt8])]) async throws {
            seq += 1
            try await drone.publish(
                MQTTMessage(topic: "fleet/D1/telemetry", payload: GatewayEndToEndTests.fix(seq: seq, alt: 60), qos: 1))
            for (stream, payload) in messages {
                try await drone.publish(MQTTMessage(topic: "fleet/D1/payload/\(stream)", payload: payload, qos: 1))
            }
        }

        try await send([
            ("cam0", Self.payload(stream: "cam0")),
            ("cam1", Self.payload(stream: "cam1", counts: [0, 14, 2, 7, 1, 52])),
            ("cam2", Self.payload(stream: "cam2", product: "face_crop")),
            ("cam3", Self.payload(stream: "cam3", drone: "D9")),
        ])
        let first = await GatewayEndToEndTests.collect(consumer) { messages in
            !Self.on("compliant/D1/payload/cam0", messages).isEmpty
                && !Self.on("compliant/D1/payload/cam1", messages).isEmpty
                && Self.has(messages, "stream_suspended", stream: "cam2") && Self.has(messages, "message_rejected")
        }
        let forwarded = try #require(Self.on("compliant/D1/payload/cam0", first).first)
        #expect(forwarded["data"]?["counts"] == .array([0, 14, 31, 7, 0, 52].map { .number($0) }))
        #expect(forwarded["drone"] == "D1")
        let redacted = try #require(Self.on("compliant/D1/payload/cam1", first).first)
        #expect(
            redacted["data"]?["counts"] == .array([.number(0), .number(14), .null, .number(7), .null, .number(52)]))
        #expect(redacted["data"]?["suppressed"] == .array([.number(2), .number(4)]))
        #expect(Self.has(first, "stream_suspended", stream: "cam2", reasons: ["identification_product"]))
        #expect(Self.has(first, "payload_blocked", stream: "cam2", reasons: ["identification_product"]))
        let rejected = try #require(Self.events(first).first { $0["event"] == "message_rejected" })
        #expect(rejected["code"] == "drone_mismatch")
        #expect(!first.contains { $0.topic.hasPrefix("compliant/D1/payload/cam2") || $0.topic.contains("cam3") })
        #expect(!first.contains { GatewayEndToEndTests.text($0).contains("D9") }, "the spoofed id travelled on")

        // The latched stream: a good grid is blocked, reported once as stream_suspended.
        try await send([("cam2", Self.payload(stream: "cam2"))])
        let latched = await GatewayEndToEndTests.collect(consumer) {
            Self.has($0, "payload_blocked", stream: "cam2", reasons: ["stream_suspended"])
        }
        #expect(Self.has(latched, "payload_blocked", stream: "cam2", reasons: ["stream_suspended"]))
        #expect(!latched.contains { $0.topic == "compliant/D1/payload/cam2" })

        // The operator releases it on the control topic; then the stream passes again.
        let operatorClient = try MQTTClient(
            options: MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "duty-officer"))
        try await operatorClient.connect()
        // First what must not release it: unsigned, or signed by another key; each is refused.
        let stream = StreamKey(drone: "D1", stream: "cam2")
        let reason = "classifier false positive, checked on site"
        let forged = try ReleaseOrder.signed(
            stream: stream, operatorName: "duty-officer-7", reason: reason, issuedAt: Date(),
            key: Curve25519.Signing.PrivateKey())
        var unsigned = Array(String(decoding: forged.json, as: UTF8.self).utf8)
        unsigned = Array(
            String(decoding: unsigned, as: UTF8.self).replacingOccurrences(
                of: #","signature":"\#(forged.signature.base64EncodedString())""#, with: ""
            ).utf8)
        let order = try ReleaseOrder.signed(
            stream: stream, operatorName: "duty-officer-7", reason: reason, issuedAt: Date(), key: operatorKey)
        for payload in [unsigned, forged.json] {
            try await operatorClient.publish(MQTTMessage(topic: "flowgate/control/streams", payload: payload, qos: 1))
        }
        let refusals = await GatewayEndToEndTests.collect(consumer) {
            $0.filter { $0.topic == "flowgate/events/_unattributed" }.count == 2
        }
        let refused = refusals.filter { $0.topic == "flowgate/events/_unattributed" }.compactMap {
            try? JSONParser.parse($0.payload).objectValue
        }.filter { $0["event"] == "release_refused" }
        #expect(refused.count == 2)
        #expect(refused.allSatisfy { $0["code"] == "not_authenticated" }, "\(refused)")
        #expect(!Self.has(refusals, "stream_released"))
        try await operatorClient.publish(MQTTMessage(topic: "flowgate/control/streams", payload: order.json, qos: 1))
        let release = await GatewayEndToEndTests.collect(consumer) { Self.has($0, "stream_released", stream: "cam2") }
        let released = try #require(Self.events(release).first { $0["event"] == "stream_released" })
        #expect(released["by"] == "duty-officer-7")
        #expect(released["reason"] == "classifier false positive, checked on site")

        try await send([("cam2", Self.payload(stream: "cam2"))])
        let after = await GatewayEndToEndTests.collect(consumer) {
            !Self.on("compliant/D1/payload/cam2", $0).isEmpty
        }
        #expect(Self.on("compliant/D1/payload/cam2", after).first?["stream"] == "cam2")
        // The same order again is a replay: refused.
        try await operatorClient.publish(MQTTMessage(topic: "flowgate/control/streams", payload: order.json, qos: 1))
        let replayed = await GatewayEndToEndTests.collect(consumer) {
            $0.contains { $0.topic == "flowgate/events/_unattributed" }
        }
        let replayRefusal = replayed.first { $0.topic == "flowgate/events/_unattributed" }
            .flatMap { try? JSONParser.parse($0.payload).objectValue }
        #expect(replayRefusal?["event"] == "release_refused")
        #expect(replayRefusal?["field"] == "nonce")

        await group.triggerGracefulShutdown()
        try await running.value
        // Read from the actor first: an expectation does not capture the actor itself.
        let gatewayCounts = await gateway.counts
        #expect(gatewayCounts[.forward] == 3 + 2, "three fixes and two payloads")
        #expect(gatewayCounts[.redact] == 1)
        #expect(gatewayCounts[.block] == 3, "the face, the spoofed and the latched messages")
        #expect(gatewayCounts.reasons[.finding(.join(.streamSuspended))] == 1)
        drone.disconnect()
        operatorClient.disconnect()
        consumer.disconnect()
    }

    @Test("a retained release order is never obeyed: the broker hands it to the gateway at every start")
    func retainedOrder() async throws {
        let broker = try TestBroker()
        var config = TestGateway.config(broker, clientID: "flowgate-retained")
        let operatorKey = Curve25519.Signing.PrivateKey()
        config.policy.operatorKeys = ["duty-officer-7": operatorKey.publicKey.rawRepresentation]
        // Left on the control topic before the gateway starts, signed and fresh.
        let order = try ReleaseOrder.signed(
            stream: StreamKey(drone: "D1", stream: "cam2"), operatorName: "duty-officer-7",
            reason: "left behind by mistake, retained", issuedAt: Date(), key: operatorKey)
        let operatorClient = try MQTTClient(
            options: MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "duty-officer"))
        try await operatorClient.connect()
        try await operatorClient.publish(
            MQTTMessage(topic: "flowgate/control/streams", payload: order.json, qos: 1, retain: true))
        let consumer = try MQTTClient(options: MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "consumer"))
        try await consumer.connect()
        try await consumer.subscribe("flowgate/events/#", qos: 1)
        let gateway = try TestGateway.make(config)
        let group = ServiceGroup(services: [gateway], logger: TestGateway.logger)
        let running = Task { try await group.run() }
        let refusals = await GatewayEndToEndTests.collect(consumer, within: 15) {
            $0.contains { $0.topic == "flowgate/events/_unattributed" }
        }
        let refusal = refusals.first { $0.topic == "flowgate/events/_unattributed" }
            .flatMap { try? JSONParser.parse($0.payload).objectValue }
        #expect(refusal?["event"] == "release_refused")
        #expect(refusal?["code"] == "not_authenticated")
        #expect(refusal?["detail"]?.stringValue?.contains("retained") == true)
        await group.triggerGracefulShutdown()
        try await running.value
        operatorClient.disconnect()
        consumer.disconnect()
    }
}
