import Foundation
import Testing

/// `flowgate config check` and `flowgate replay` on the shipped example configuration and recording.
@Suite("flowgate config check and replay")
struct GatewayCommandTests {
    static let config = "Deploy/flowgate.example.yaml"
    static let recording = "Docs/examples/demo-recording.jsonl"

    @Test("the example configuration is valid")
    func exampleConfiguration() async throws {
        let result = try await FlowgateProcess.run(["config", "check", Self.config])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("valid"))
        #expect(result.stdout.contains("ingress 127.0.0.1:1883 as flowgate-ingress"))
        #expect(result.stdout.contains("egress 127.0.0.1:1883 as flowgate-egress, forwards at their arrival QoS;"))
    }

    @Test("a broken configuration exits 1 naming every key at fault with its line")
    func brokenConfiguration() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-cfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("broken.yaml")
        try
            "bundle: nowhere\ningress:\n  host: h\n  port: 70000\negress:\n  host: h\nmodes:\n  telemetry_in_breach: maybe\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let result = try await FlowgateProcess.run(["config", "check", file.path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("broken.yaml:1: bundle = \"nowhere\""))
        #expect(result.stderr.contains("broken.yaml:4: ingress.port = \"70000\": must be between 1 and 65535"))
        #expect(
            result.stderr.contains("broken.yaml:8: modes.telemetry_in_breach = \"maybe\": must be forward or withhold"))
    }

    @Test("replaying the sample recording gives one decision per line, in order")
    func replayJSON() async throws {
        let result = try await FlowgateProcess.run(["replay", Self.recording, "--config", Self.config])
        #expect(result.status == 0, "\(result.stderr)")
        let verdicts = try result.stdoutLines.map { line -> String in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["verdict"] as? String ?? "?"
        }
        #expect(verdicts == ["forward", "forward", "forward", "withhold", "forward", "forward", "reject", "reject"])
        #expect(result.stderr.contains("replayed 8 lines: 5 forward, 2 reject, 1 withhold"))
    }

    @Test("replay in text shows verdicts, reasons and what would be published")
    func replayText() async throws {
        let result = try await FlowgateProcess.run([
            "replay", "--format", "text", Self.recording, "--config", Self.config,
        ])
        #expect(result.status == 0)
        #expect(result.stdout.contains("line 2: fleet/D1/telemetry: FORWARD (breach)"))
        #expect(result.stdout.contains("breach below_floor [oa-route-corridor]: 10.0 m below the floor"))
        #expect(result.stdout.contains("publishes flowgate/events/D1 (integrity_problem)"))
        #expect(result.stdout.contains("line 7: fleet/D2/telemetry: REJECT: drone_mismatch"))
    }

    @Test("an unreadable recording line gets an error line, the rest go on, and the exit status is 1")
    func replayBadLine() async throws {
        let recording = try String(
            contentsOf: FlowgateProcess.packageRoot.appendingPathComponent(Self.recording), encoding: .utf8)
        let lines = recording.split(separator: "\n").map(String.init)
        let input = ([lines[0], #"{"time":"yesterday","topic":"fleet/D1/telemetry","payload":{}}"#] + lines[1...])
            .joined(separator: "\n")
        let result = try await FlowgateProcess.run(["replay", "-", "--config", Self.config], input: input)
        #expect(result.status == 1)
        #expect(result.stdoutLines.count == 9)
        #expect(result.stdoutLines[1].contains(#""field":"time""#))
        #expect(result.stderr.contains("1 unreadable"))
    }
}
