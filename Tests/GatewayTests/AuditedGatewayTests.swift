import Audit
import Compliance
import Foundation
import Gateway
import Geo
import Logging
import MQTT
import ServiceLifecycle
import StrictJSON
import TestSupport
import Testing

/// The running gateway keeps its record: what it decided, why, and never what it blocked.
@Suite("The gateway's record through a real broker", .serialized)
struct AuditedGatewayTests {
    static let marker = "MARKER-5b1e-never-stored"

    /// A payload whose content must never be written anywhere: an identification product and a smuggled id.
    static func identifying(stream: String, product: String) -> [UInt8] {
        let object: JSONObject = [
            "v": .number(1), "drone": "D1", "mission": "M-1", "stream": .string(stream), "seq": .number(1),
            "time": .string(RFC3339.format(Date())), "product": .string(product),
            "data": .object([
                "origin": .object(["lat": .number(52.5165), "lon": .number(13.3770)]), "cell_m": .number(10),
                "rows": .number(1), "cols": .number(1), "counts": .array([.number(9)]),
                "person_track_id": .string(marker),
            ]),
        ]
        return JSONWriter.bytes(.object(object))
    }

    /// Runs a gateway recording to `audit` (or as `settings` say) while `body` plays drone and consumer.
    static func run(
        _ broker: TestBroker, audit: URL, settings: AuditSettings? = nil, logger: Logger = TestGateway.logger,
        _ body: (MQTTClient, MQTTClient) async throws -> Void
    ) async throws -> ComplianceGateway {
        var config = TestGateway.config(broker, clientID: "flowgate-audited")
        config.audit = settings ?? AuditSettings(path: audit)
        let gateway = ComplianceGateway(config: config, airspace: try GatewayEndToEndTests.airspace(), logger: logger)
        let group = ServiceGroup(services: [gateway], logger: TestGateway.logger)
        let consumer = try MQTTClient(
            options: MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "consumer-\(UUID().uuidString)"))
        try await consumer.connect()
        try await consumer.subscribe("compliant/#", qos: 1)
        try await consumer.subscribe("flowgate/#", qos: 1)
        let running = Task { try await group.run() }
        _ = await GatewayEndToEndTests.collect(consumer) {
            $0.contains { $0.topic == "flowgate/status" && GatewayEndToEndTests.text($0) == "online" }
        }
        let drone = try MQTTClient(
            options: MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "D1-\(UUID().uuidString)"))
        try await drone.connect()
        try await body(drone, consumer)
        await group.triggerGracefulShutdown()
        try await running.value
        drone.disconnect()
        consumer.disconnect()
        return gateway
    }

    @Test("decisions, suspensions, tracks and tallies are recorded, the chain verifies, blocked content is nowhere")
    func recorded() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-audit-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let audit = folder.appendingPathComponent("record.sqlite")
        let broker = try TestBroker()
        let face = Self.identifying(stream: "cam0", product: "face_crop")
        let smuggled = Self.identifying(stream: "cam1", product: "crowd_density")
        _ = try await Self.run(broker, audit: audit) { drone, consumer in
            try await drone.publish(
                MQTTMessage(topic: "fleet/D1/telemetry", payload: GatewayEndToEndTests.fix(seq: 1, alt: 60), qos: 1))
            try await drone.publish(MQTTMessage(topic: "fleet/D1/payload/cam0", payload: face, qos: 1))
            try await drone.publish(MQTTMessage(topic: "fleet/D1/payload/cam1", payload: smuggled, qos: 1))
            _ = await GatewayEndToEndTests.collect(consumer) { messages in
                messages.filter { GatewayEndToEndTests.text($0).contains("stream_suspended") }.count == 2
            }
        }
        let records = try AuditReader(path: audit.path).records()
        let kinds = records.map(\.kind)
        #expect(kinds.first == "start")
        #expect(kinds.contains("config_load"))
        #expect(kinds.contains("track"))
        #expect(kinds.contains("tally"))
        #expect(kinds.filter { $0 == "suspension" }.count == 2)
        #expect(kinds.last == "stop")
        let decisions = records.filter { $0.kind == "decision" }
        #expect(decisions.contains { $0.digest == PayloadDigest(of: face).hex && $0.fields["verdict"] == "block" })
        #expect(decisions.contains { $0.digest == PayloadDigest(of: smuggled).hex })
        let reasons = decisions.flatMap { $0.fields["reasons"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        #expect(reasons.contains("identification_product"))
        #expect(reasons.contains("identifying_field"))
        let report = try ChainVerifier.verify(path: audit.path)
        #expect(report.problem == nil, "\(String(describing: report.problem))")
        #expect(report.endsCleanly)
        for suffix in ["", "-wal", "-shm"] {
            let file = URL(fileURLWithPath: audit.path + suffix)
            guard let bytes = try? Data(contentsOf: file) else { continue }
            #expect(
                bytes.range(of: Data(Self.marker.utf8)) == nil, "the blocked content is in \(file.lastPathComponent)")
        }
    }

    @Test("a suspension recorded before a restart still holds after it, until released")
    func latchSurvivesRestart() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-audit-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let audit = folder.appendingPathComponent("record.sqlite")
        let broker = try TestBroker()
        _ = try await Self.run(broker, audit: audit) { drone, consumer in
            try await drone.publish(
                MQTTMessage(topic: "fleet/D1/telemetry", payload: GatewayEndToEndTests.fix(seq: 1, alt: 60), qos: 1))
            try await drone.publish(
                MQTTMessage(
                    topic: "fleet/D1/payload/cam0", payload: Self.identifying(stream: "cam0", product: "face_crop"),
                    qos: 1))
            _ = await GatewayEndToEndTests.collect(consumer) {
                $0.contains { GatewayEndToEndTests.text($0).contains("stream_suspended") }
            }
        }
        let second = try await Self.run(broker, audit: audit) { drone, consumer in
            try await drone.publish(
                MQTTMessage(topic: "fleet/D1/telemetry", payload: GatewayEndToEndTests.fix(seq: 2, alt: 60), qos: 1))
            try await drone.publish(
                MQTTMessage(
                    topic: "fleet/D1/payload/cam0", payload: PayloadEndToEndTests.payload(stream: "cam0"), qos: 1))
            _ = await GatewayEndToEndTests.collect(consumer) {
                $0.contains { GatewayEndToEndTests.text($0).contains("payload_blocked") }
            }
        }
        // Read from the actor first: an expectation does not capture the actor itself.
        let secondCounts = await second.counts
        #expect(secondCounts.reasons[.finding(.join(.streamSuspended))] == 1)
        #expect(secondCounts[.forward] == 1, "only the fix")
        let report = try ChainVerifier.verify(path: audit.path)
        #expect(report.problem == nil)
        #expect(report.runs == 2)
        #expect(report.gaps == 0)
        // The same configuration is recorded with the same digests and policy version each time.
        let loads = try AuditReader(path: audit.path).records(RecordFilter(kinds: [.configLoad]))
        #expect(loads.count == 2)
        #expect(loads[0].fields["policy_version"] == loads[1].fields["policy_version"])
        #expect(loads[0].fields["policy_version"]?.stringValue?.count == 16)
        #expect(loads[0].fields["bundle_digest"] == loads[1].fields["bundle_digest"])
    }
}
