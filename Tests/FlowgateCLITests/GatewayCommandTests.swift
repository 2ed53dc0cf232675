import Foundation
import TestSupport
import Testing

/// `flowgate config check` and `flowgate replay` on the shipped example configuration and recording.
@Suite("flowgate config check and replay")
struct GatewayCommandTests {
    static let config = "Deploy/flowgate.example.yaml"
    static let recording = "Docs/examples/demo-recording.jsonl"

    /// The example configuration copied to a fresh `Deploy` folder with the repository's `Geofences` beside it
    /// (its relative paths hold), so that its key file can be made or left out without touching the checkout.
    static func withExampleCopy<T>(_ body: (_ deploy: URL) async throws -> T) async throws -> T {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-example-\(UUID())")
        let deploy = root.appendingPathComponent("Deploy")
        try FileManager.default.createDirectory(at: deploy, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.copyItem(
            at: FlowgateProcess.packageRoot.appendingPathComponent(config),
            to: deploy.appendingPathComponent("flowgate.example.yaml"))
        try FileManager.default.createSymbolicLink(
            at: root.appendingPathComponent("Geofences"),
            withDestinationURL: FlowgateProcess.packageRoot.appendingPathComponent("Geofences"))
        return try await body(deploy)
    }

    @Test("the example configuration is valid once `flowgate audit keygen` has made the key it names, and signs")
    func exampleConfiguration() async throws {
        try await Self.withExampleCopy { deploy in
            let key = deploy.appendingPathComponent("keys/audit.key").path
            let made = try await FlowgateProcess.run(["audit", "keygen", "--out", key])
            #expect(made.status == 0, "\(made.stderr)")
            let config = deploy.appendingPathComponent("flowgate.example.yaml").path
            let result = try await FlowgateProcess.run(["config", "check", config])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("valid"))
            #expect(result.stdout.contains("ingress 127.0.0.1:1883 as flowgate-ingress"))
            #expect(result.stdout.contains("egress 127.0.0.1:1883 as flowgate-egress, forwards at their arrival QoS;"))
            #expect(result.stdout.contains("flowgate-audit.sqlite, signed with key "))
            #expect(result.stdout.contains("checkpoints appended to \(deploy.path)/flowgate-audit.checkpoints"))
        }
    }

    @Test("without its key file, config check and run fail naming the file and the command that makes it")
    func exampleWithoutKey() async throws {
        try await Self.withExampleCopy { deploy in
            let config = deploy.appendingPathComponent("flowgate.example.yaml").path
            let key = deploy.appendingPathComponent("keys/audit.key").path
            let expected = "no key file at \(key); create it with: flowgate audit keygen --out \(key)"
            let check = try await FlowgateProcess.run(["config", "check", config])
            #expect(check.status == 1)
            #expect(
                check.stderr.contains("audit.checkpoint.key_file = \"keys/audit.key\": \(expected)"), "\(check.stderr)")
            let run = try await FlowgateProcess.run(["run", "--config", config])
            #expect(run.status == 1)
            #expect(run.stderr.contains(expected), "\(run.stderr)")
        }
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
