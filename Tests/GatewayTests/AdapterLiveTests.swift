import Compliance
import Foundation
import Gateway
import GatewayTestSupport
import MQTT
import Pipeline
import ServiceLifecycle
import StrictJSON
import TestSupport
import Testing

/// A mixed fleet (native, DJI, MAVLink, Remote ID, KLV) through a real mosquitto and the running gateway:
/// the gateway subscribes to the adapters' topics, and decides as replay does.
@Suite("A mixed fleet through a real broker", .serialized)
struct AdapterLiveTests {
    static func message(_ topic: String, _ payload: [UInt8]) -> MQTTMessage {
        MQTTMessage(topic: topic, payload: payload, qos: 1)
    }

    @Test("every format's fix reaches egress as native JSON with its source; counters equal replay's")
    func mixedFleet() async throws {
        let broker = try TestBroker()
        var config = TestGateway.config(broker, clientID: "flowgate-adapters")
        config.adapters = AdapterSite.adapters
        // The gateway judges at the site's noon, when the authorisation is valid.
        config.clock = { _ in AdapterSite.noon }
        let gateway = ComplianceGateway(
            config: config, airspace: try AdapterSite.airspace(), logger: TestGateway.logger)
        let group = ServiceGroup(services: [gateway], logger: TestGateway.logger)
        let consumer = try MQTTClient(
            options: MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "adapter-consumer"))
        try await consumer.connect()
        try await consumer.subscribe("compliant/#", qos: 1)
        try await consumer.subscribe("flowgate/#", qos: 1)
        let running = Task { try await group.run() }
        let status = await GatewayEndToEndTests.collect(consumer) {
            $0.contains { $0.topic == "flowgate/status" && GatewayEndToEndTests.text($0) == "online" }
        }
        try #require(status.contains { GatewayEndToEndTests.text($0) == "online" }, "the gateway did not come online")

        let noon = AdapterSite.noon
        let sent = [
            Self.message("fleet/D1/telemetry", AdapterSite.nativeFix("D1", seq: 1, at: noon)),
            Self.message("thing/product/\(AdapterSite.dji)/osd", AdapterSite.djiOSD(at: noon)),
            Self.message(
                "mavlink/drone7/HEARTBEAT",
                Array(
                    #"{"type":2,"autopilot":12,"base_mode":209,"custom_mode":4,"system_status":4,"mavlink_version":3}"#
                        .utf8)),
            Self.message(
                "mavlink/drone7/GLOBAL_POSITION_INT",
                Array(
                    #"{"time_boot_ms":600000,"lat":525163000,"lon":133777000,"alt":114000,"relative_alt":80000,"vx":222,"vy":111,"vz":0,"hdg":2657}"#
                        .utf8)),
            Self.message("rid/RID1/state", AdapterSite.remoteIDState(at: noon)),
            Self.message("rid/RID1/state", Array("{\"timestamp\":".utf8)),
            Self.message("klv/K1/cam0", AdapterSite.klvPacket([(74, [0x03, 0x01, 0x07])])),
        ]
        let publisher = try MQTTClient(
            options: MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "adapter-fleet"))
        try await publisher.connect()
        for message in sent { try await publisher.publish(message) }

        let received = await GatewayEndToEndTests.collect(consumer) { messages in
            messages.filter { $0.topic.hasSuffix("/telemetry") }.count == 4
                && messages.contains { GatewayEndToEndTests.text($0).contains("stream_suspended") }
                && messages.contains { GatewayEndToEndTests.text($0).contains("malformed_json") }
        }
        var sources: [String: String] = [:]
        for message in received where message.topic.hasPrefix("compliant/") {
            let egress = try JSONParser.parse(message.payload)
            sources[egress["drone"]?.stringValue ?? "?"] = egress["source"]?.stringValue ?? "native"
        }
        #expect(
            sources == [
                "D1": "native", AdapterSite.dji: "dji_cloud_api", "drone7": "mavlink_json", "RID1": "remote_id",
            ])
        #expect(received.contains { $0.topic == "flowgate/events/K1" })

        await group.triggerGracefulShutdown()
        try await running.value
        var replay = try AdapterSite.replay()
        for (index, message) in sent.enumerated() {
            _ = replay.single(
                RecordedMessage(time: noon, topic: message.topic, payload: message.payload), line: index + 1)
        }
        let counts = await gateway.counts
        #expect(counts == replay.pipeline.counts)
        #expect(counts[.forward] == 4)
        #expect(counts[.withhold] == 1)
        #expect(counts[.reject] == 1)
        #expect(counts[.block] == 1)
        publisher.disconnect()
        consumer.disconnect()
    }
}
