import Airspace
import Compliance
import Foundation
import Gateway
import GatewayTestSupport
import Geo
import Logging
import MQTT
import Pipeline
import ServiceLifecycle
import StrictJSON
import TestSupport
import Testing

/// The gateway between two real MQTT sessions on a real mosquitto: drones publish on `fleet/…`, a consumer
/// reads `compliant/…` and `flowgate/…`.
@Suite("The gateway end to end through a real broker", .serialized)
struct GatewayEndToEndTests {
    /// An operation area of about 1.1 km around Pariser Platz, 30-120 m AGL, for mission M-1 and drone D1,
    /// authorised from an hour ago to an hour from now (the gateway judges by its own clock).
    static func airspace() throws -> AirspaceIndex {
        let (lat, lon, half) = (52.5163, 13.3777, 0.005)
        let ring = [(-1.0, -1.0), (1, -1), (1, 1), (-1, 1), (-1, -1)].map {
            GeoPoint(latitude: lat + $0.1 * half, longitude: lon + $0.0 * half)
        }
        let area = Zone(
            id: "OA-1", name: "Test area", kind: .operationArea, shape: .polygon(try Polygon(rings: [ring])),
            band: AltitudeBand(
                floor: AltitudeLimit(value: 30, reference: .agl), ceiling: AltitudeLimit(value: 120, reference: .agl)),
            missions: ["M-1"])
        let now = Date()
        let authorisation = Authorisation(
            id: "AUTH-1", mission: "M-1", drones: ["D1"], operationAreas: ["OA-1"],
            validFrom: now.addingTimeInterval(-3600), validUntil: now.addingTimeInterval(3600), authority: "Test",
            legalReference: "Test", justification: "End-to-end test of the gateway.")
        let site = SiteSettings(name: "Test", datum: VerticalDatum(groundElevationAMSL: 34, geoidUndulation: 39.6))
        return AirspaceIndex(bundle: SiteBundle(site: site, zones: [area], authorisations: [authorisation]))
    }

    static func fix(seq: Int, alt: Double, drone: String = "D1", extra: JSONObject = [:]) -> [UInt8] {
        var object: JSONObject = [
            "v": .number(1), "drone": .string(drone), "mission": "M-1", "seq": .number(seq),
            "time": .string(RFC3339.format(Date())),
            "position": .object([
                "lat": .number(52.5163), "lon": .number(13.3777), "alt_m": .number(alt), "alt_ref": "AGL",
            ]),
        ]
        for member in extra.members { object[member.key] = member.value }
        return Array(JSONWriter.write(.object(object)).utf8)
    }

    /// Messages on the consumer until `done` says it has what it waits for, or `seconds` pass (generous: a
    /// loaded CI machine can take seconds to start a gateway).
    static func collect(
        _ client: MQTTClient, within seconds: Double = 30, until done: @escaping @Sendable ([MQTTMessage]) -> Bool
    ) async -> [MQTTMessage] {
        let collector = Task { () -> [MQTTMessage] in
            var received: [MQTTMessage] = []
            for await message in client.messages {
                received.append(message)
                if done(received) { break }
            }
            return received
        }
        let timer = Task {
            guard (try? await Task.sleep(for: .seconds(seconds))) != nil else { return }
            collector.cancel()
        }
        defer { timer.cancel() }
        return await collector.value
    }

    static func text(_ message: MQTTMessage) -> String { String(decoding: message.payload, as: UTF8.self) }

    @Test(
        "compliant, breaching, spoofed and malformed telemetry each get what they should; status goes online and offline"
    )
    func endToEnd() async throws {
        let broker = try TestBroker()
        let gateway = try TestGateway.make(TestGateway.config(broker, clientID: "flowgate-test"))
        let group = ServiceGroup(services: [gateway], logger: TestGateway.logger)

        let consumer = try MQTTClient(options: MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "consumer"))
        try await consumer.connect()
        try await consumer.subscribe("compliant/#", qos: 1)
        try await consumer.subscribe("flowgate/#", qos: 1)
        let running = Task { try await group.run() }

        let online = await Self.collect(consumer) { $0.contains { $0.topic == "flowgate/status" } }
        #expect(online.map(Self.text).contains("online"))

        let drone = try MQTTClient(options: MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "D1"))
        try await drone.connect()
        let topic = "fleet/D1/telemetry"
        let sent = [
            Self.fix(seq: 1, alt: 60, extra: ["operator_phone": "+49 30 1234"]), Self.fix(seq: 2, alt: 20),
            Self.fix(seq: 3, alt: 60, drone: "D9"), Array("{\"v\":1,\"drone\":".utf8),
            [UInt8](repeating: 0x20, count: 70_000),
        ]
        for payload in sent { try await drone.publish(MQTTMessage(topic: topic, payload: payload, qos: 1)) }

        // 2 forwarded fixes; events: breach_started, 3 rejections.
        let received = await Self.collect(consumer) { messages in
            messages.filter { $0.topic == "compliant/D1/telemetry" }.count == 2
                && messages.filter { $0.topic == "flowgate/events/D1" }.count == 4
        }
        let forwarded = try received.filter { $0.topic == "compliant/D1/telemetry" }.map {
            try JSONParser.parse($0.payload)
        }
        #expect(forwarded.count == 2)
        #expect(forwarded.first?["compliance"]?["state"]?.stringValue == "compliant")
        #expect(forwarded.first?["operator_phone"] == nil, "an unknown field reached egress")
        #expect(forwarded.first?["seq"] == .number(1))
        #expect(forwarded.last?["compliance"]?["state"]?.stringValue == "breach")
        #expect(forwarded.last?["compliance"]?["reasons"]?.arrayValue?.first?["code"]?.stringValue == "below_floor")
        let events = try received.filter { $0.topic == "flowgate/events/D1" }.map { try JSONParser.parse($0.payload) }
        #expect(
            events.compactMap { $0["event"]?.stringValue }.sorted() == [
                "breach_started", "message_rejected", "message_rejected", "message_rejected",
            ])
        #expect(
            Set(events.compactMap { $0["code"]?.stringValue }) == [
                "drone_mismatch", "malformed_json", "message_too_large",
            ])
        // Nothing of a refused payload travels on: not the spoofed id, not the oversized bytes.
        #expect(!received.contains { Self.text($0).contains("D9") })

        // The same messages replayed offline through the engine give the same publications, topic for topic.
        var replay = Replay(engine: ComplianceEngine(airspace: try Self.airspace()))
        let replayed = sent.map { replay.single(RecordedMessage(time: Date(), topic: topic, payload: $0), line: 1) }
        let replayedTopics = replayed.flatMap { $0["publish"]?.arrayValue ?? [] }.compactMap {
            $0["topic"]?.stringValue
        }
        #expect(replayedTopics.sorted() == received.map(\.topic).filter { $0 != "flowgate/status" }.sorted())
        #expect(
            replayed.compactMap { $0["verdict"]?.stringValue } == ["forward", "forward", "reject", "reject", "reject"])

        await group.triggerGracefulShutdown()
        try await running.value
        let offline = await Self.collect(consumer) { $0.contains { Self.text($0) == "offline" } }
        #expect(offline.map(Self.text).contains("offline"))
        // Read from the actor first: an expectation does not capture the actor itself.
        let gatewayCounts = await gateway.counts
        #expect(gatewayCounts[.reject] == 3)
        #expect(gatewayCounts[.forward] == 2)
        drone.disconnect()
        consumer.disconnect()
    }
}
