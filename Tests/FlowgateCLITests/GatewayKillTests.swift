import Foundation
import MQTT
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `flowgate run` killed with SIGKILL in the middle of a stream: the record verifies up to its last commit, and
/// the next start continues the chain and records the gap.
@Suite("A killed gateway's record", .serialized)
struct GatewayKillTests {
    /// A signed record, its checkpoints published to `record.checkpoints` beside it (the key is made first).
    static func configuration(port: Int, audit: URL) async throws -> URL {
        let folder = audit.deletingLastPathComponent()
        let made = try await FlowgateProcess.run([
            "audit", "keygen", "--out", folder.appendingPathComponent("audit.key").path,
        ])
        #expect(made.status == 0, "\(made.stderr)")
        let file = folder.appendingPathComponent("flowgate.yaml")
        try """
        bundle: \(FlowgateProcess.packageRoot.appendingPathComponent(FlowgateProcess.demoBundle).path)
        ingress: {host: 127.0.0.1, port: \(port), client_id: flowgate-kill-test}
        egress: {host: 127.0.0.1, port: \(port), client_id: flowgate-kill-test-egress}
        audit:
          path: \(audit.path)
          batch_window_ms: 20
          checkpoint: {key_file: audit.key, note_file: record.checkpoints, every_records: 50}
        """.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test("SIGKILL mid-stream: verifies up to the last commit; the next start records the gap")
    func killed() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-kill-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let audit = folder.appendingPathComponent("record.sqlite")
        let broker = try TestBroker()
        let config = try await Self.configuration(port: broker.port, audit: audit)
        let watcher = try MQTTClient(options: MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "watch"))
        try await watcher.connect()
        try await watcher.subscribe("flowgate/status", qos: 1)
        try await watcher.subscribe("flowgate/events/#", qos: 1)

        let first = try await GatewayProcess.start(config: config, watcher: watcher)
        let drone = try MQTTClient(options: MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "D1"))
        try await drone.connect()
        // Below the floor: every fix is a recorded decision, and events flow.
        for seq in 1...400 {
            let fix =
                #"{"v":1,"drone":"D1","mission":"M-0412","seq":\#(seq),"time":"\#(ISO8601DateFormatter().string(from: Date()))","#
                + #""position":{"lat":52.5152,"lon":13.36,"alt_m":5,"alt_ref":"AGL"}}"#
            try drone.send(MQTTMessage(topic: "fleet/D1/telemetry", payload: Array(fix.utf8), qos: 1))
            if seq == 200 {
                // Mid-stream: the first event has been published, so the gateway is busy deciding.
                for await message in watcher.messages where message.topic.hasPrefix("flowgate/events/") { break }
                kill(first.processIdentifier, SIGKILL)
            }
        }
        #expect(ChildProcess.exitStatus(first, within: 10) == 128 + SIGKILL)

        let open = try await FlowgateProcess.run(["audit", "verify", audit.path, "--allow-open"])
        #expect(open.status == 0, "\(open.stdout)\(open.stderr)")
        let strict = try await FlowgateProcess.run(["audit", "verify", audit.path])
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("truncated tail") || strict.stderr.contains("truncated tail"))

        let second = try await GatewayProcess.start(config: config, watcher: watcher)
        kill(second.processIdentifier, SIGTERM)
        #expect(ChildProcess.exitStatus(second, within: 20) == 0, "graceful stop exits 0")
        // A crash is no break: the same file goes on, signed throughout, its published checkpoints all in it.
        let after = try await FlowgateProcess.run([
            "audit", "verify", audit.path, "--public-key", folder.appendingPathComponent("audit.key.pub").path,
            "--checkpoint", folder.appendingPathComponent("record.checkpoints").path,
        ])
        #expect(after.status == 0, "\(after.stdout)\(after.stderr)")
        #expect(after.stdout.contains("2 runs"))
        #expect(after.stdout.contains("1 gap"))
        #expect(after.stdout.contains("signatures valid"))
        #expect(after.stdout.contains("published checkpoints found in the record"))
        #expect(
            !FileManager.default.fileExists(atPath: folder.appendingPathComponent("record.successor-1.sqlite").path))
        drone.disconnect()
        watcher.disconnect()
    }
}
