import Audit
import Compliance
import Foundation
import GRDB
import Gateway
import Logging
import MQTT
import StrictJSON
import TestSupport
import Testing

/// A gateway with signing on: it publishes each signed checkpoint retained on `flowgate/checkpoints` and in
/// its note file, and it never extends a record it finds broken.
@Suite("The signed record through a real broker", .serialized)
struct SignedRecordGatewayTests {
    let folder: URL
    let audit: URL
    let notes: URL
    let publicKey: CheckpointVerifier
    let settings: AuditSettings

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-signed-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        audit = folder.appendingPathComponent("record.sqlite")
        notes = folder.appendingPathComponent("record.checkpoints")
        let key = folder.appendingPathComponent("audit.key").path
        try CheckpointSigner.generateKeyPair(privateKeyFile: key, publicKeyFile: key + ".pub")
        publicKey = try CheckpointVerifier(publicKeyFile: key + ".pub")
        var settings = AuditSettings(path: audit)
        settings.options.signer = try CheckpointSigner(privateKeyFile: key)
        settings.options.checkpointNoteFile = notes.path
        settings.options.checkpointEveryRecords = 4
        self.settings = settings
    }

    @Test("every checkpoint is published retained on flowgate/checkpoints as it is made, the seal last")
    func publishedCheckpoints() async throws {
        let broker = try TestBroker()
        let oversight = try MQTTClient(
            options: MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "oversight-\(UUID().uuidString)"))
        try await oversight.connect()
        try await oversight.subscribe("flowgate/checkpoints", qos: 1)
        let received = Task { () -> [String] in
            var notes: [String] = []
            for await message in oversight.messages { notes.append(GatewayEndToEndTests.text(message)) }
            return notes
        }
        _ = try await AuditedGatewayTests.run(broker, audit: audit, settings: settings) { drone, consumer in
            for seq in 1...6 {
                try await drone.publish(
                    MQTTMessage(
                        topic: "fleet/D1/telemetry", payload: GatewayEndToEndTests.fix(seq: seq, alt: 20), qos: 1))
            }
            _ = await GatewayEndToEndTests.collect(consumer) { messages in
                messages.filter { $0.topic == "compliant/D1/telemetry" }.count == 6
            }
        }
        // The client's stream goes on after a disconnection; the reader stops when cancelled.
        try await Task.sleep(for: .milliseconds(300))
        received.cancel()
        let live = await received.value
        oversight.disconnect()

        let file = try CheckpointNoteFile(path: notes.path)
        #expect(file.entries.count >= 3)
        #expect(live == file.entries.map(\.note.signedText), "the topic carried every note of the file, in order")
        let stop = try #require(try AuditReader(path: audit.path).last(.stop))
        #expect(file.entries.last?.note.treeSize == stop.seq, "the seal, made at close, is published too")
        let report = try ChainVerifier.verify(
            path: audit.path, options: .init(publicKey: publicKey, publishedCheckpoints: file))
        #expect(report.isIntact, "\(report.summary)")
        #expect(report.publishedCheckpoints == file.entries.count)

        // Whoever subscribes later gets the latest checkpoint, retained: the seal.
        let late = try MQTTClient(
            options: MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "late-\(UUID().uuidString)"))
        try await late.connect()
        try await late.subscribe("flowgate/checkpoints", qos: 1)
        let retained = await GatewayEndToEndTests.collect(late, within: 10) { !$0.isEmpty }
        late.disconnect()
        #expect(retained.first.map(GatewayEndToEndTests.text) == file.entries.last?.note.signedText)
        #expect(retained.first?.retain == true)
    }

    @Test("a broken record is kept as found and logged as critical; the record and a latch go on in a successor")
    func brokenRecord() async throws {
        let broker = try TestBroker()
        let face = AuditedGatewayTests.identifying(stream: "cam0", product: "face_crop")
        _ = try await AuditedGatewayTests.run(broker, audit: audit, settings: settings) { drone, consumer in
            try await drone.publish(
                MQTTMessage(topic: "fleet/D1/telemetry", payload: GatewayEndToEndTests.fix(seq: 1, alt: 60), qos: 1))
            try await drone.publish(MQTTMessage(topic: "fleet/D1/payload/cam0", payload: face, qos: 1))
            _ = await GatewayEndToEndTests.collect(consumer) {
                $0.contains { GatewayEndToEndTests.text($0).contains("stream_suspended") }
            }
        }
        // While the gateway is down: the stop and its seal go, and a release is forged in their place.
        let stop = try #require(try AuditReader(path: audit.path).last(.stop))
        let database = try DatabaseQueue(path: audit.path)
        try await database.write { db in
            try db.execute(sql: "DELETE FROM audit_record WHERE seq >= ?", arguments: [stop.seq])
            try db.execute(
                sql: "INSERT INTO audit_record (seq, time, kind, drone, stream, body, body_hash, prev_hash, hash) "
                    + "VALUES (?, ?, 'release', 'D1', 'cam0', '{}', ?, ?, ?)",
                arguments: [stop.seq, stop.time, Data(count: 32), stop.prevHash, Data(count: 32)])
            try db.execute(sql: "UPDATE audit_meta SET value = ? WHERE key = 'last_seq'", arguments: [String(stop.seq)])
        }
        try database.close()
        let tampered = try AuditReader(path: audit.path).count()

        let logs = CapturedLogs()
        let second = try await AuditedGatewayTests.run(broker, audit: audit, settings: settings, logger: logs.logger) {
            drone, consumer in
            try await drone.publish(
                MQTTMessage(topic: "fleet/D1/telemetry", payload: GatewayEndToEndTests.fix(seq: 2, alt: 60), qos: 1))
            try await drone.publish(
                MQTTMessage(
                    topic: "fleet/D1/payload/cam0", payload: PayloadEndToEndTests.payload(stream: "cam0"), qos: 1))
            _ = await GatewayEndToEndTests.collect(consumer) {
                $0.contains { GatewayEndToEndTests.text($0).contains("payload_blocked") }
            }
        }

        let critical = logs.entries(atLeast: .critical)
        #expect(critical.contains { $0.hasPrefix("THE AUDIT RECORD IS BROKEN") }, "\(critical)")
        #expect(try AuditReader(path: audit.path).count() == tampered, "the broken file is not extended")
        let successor = folder.appendingPathComponent("record.successor-1.sqlite").path
        let records = try AuditReader(path: successor).records()
        #expect(records.first?.kindValue == .incident)
        #expect(records.first?.fields["previous_file"]?.stringValue == audit.path)
        #expect(records.first?.fields["previous_last_good_seq"]?.doubleValue == Double(stop.seq - 1))
        let counts = await second.counts
        #expect(counts.reasons[.finding(.join(.streamSuspended))] == 1, "the forged release did not lift the latch")
        let report = try ChainVerifier.verify(
            path: successor,
            options: .init(publicKey: publicKey, publishedCheckpoints: CheckpointNoteFile(path: notes.path)))
        #expect(report.isIntact, "\(report.summary)")
    }
}
