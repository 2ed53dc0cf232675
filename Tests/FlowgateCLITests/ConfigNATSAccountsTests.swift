import Foundation
import TestSupport
import Testing

/// `flowgate config nats-accounts`: the accounts of a NATS cluster written from a configuration and its bundle.
@Suite("flowgate config nats-accounts")
struct ConfigNATSAccountsTests {
    func credentials(_ lines: String) throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-creds-\(UUID().uuidString)")
        try lines.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test("each drone is pinned to its partition; the file holds the passwords and is private")
    func writesAccounts() async throws {
        let creds = try credentials("flowgate-ingress:in\nflowgate-egress:out\nD1:one\nD2:two\nD3:three\nops:o\n")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("accounts-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try await FlowgateProcess.run([
            "config", "nats-accounts", "Deploy/flowgate.example.yaml", "--partitions", "8", "--credentials",
            creds.path, "--consumer", "ops", "-o", output.path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("3 drones in 8 partitions, 0 operators, 1 consumers"))
        let text = try String(contentsOf: output, encoding: .utf8)
        #expect(text.contains(#""fleet.*.telemetry": "fp.{{partition(8,1)}}.fleet.{{wildcard(1)}}.telemetry""#))
        #expect(
            text.contains(#"{user: "D1", password: "one", permissions: {publish: {allow: ["fp.6.fleet.D1.telemetry""#))
        #expect(text.contains(#"{user: "ops", password: "o", permissions: {publish: {deny: [">"]}"#))
        let mode = try FileManager.default.attributesOfItem(atPath: output.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test("an account without a password is refused, naming it; so is a partition count out of range")
    func refusals() async throws {
        let creds = try credentials("flowgate-ingress:in\nflowgate-egress:out\nD1:one\n")
        let missing = try await FlowgateProcess.run([
            "config", "nats-accounts", "Deploy/flowgate.example.yaml", "--credentials", creds.path,
        ])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no password for D2, D3"), "\(missing.stderr)")
        let zero = try await FlowgateProcess.run([
            "config", "nats-accounts", "Deploy/flowgate.example.yaml", "--credentials", creds.path, "--partitions",
            "0",
        ])
        #expect(zero.status == 1)
        #expect(zero.stderr.contains("cluster.partitions must be from 1 to 1024, not 0"), "\(zero.stderr)")
    }
}
