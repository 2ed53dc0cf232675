import Foundation
import TestSupport
import Testing

/// `flowgate config acl`: the broker's ACL written from a configuration and its bundle.
@Suite("flowgate config acl")
struct ConfigACLTests {
    @Test("the shipped Deploy/mosquitto.acl is what the command writes for the example configuration")
    func shippedFileIsCurrent() async throws {
        let result = try await FlowgateProcess.run(
            ["config", "acl", "Deploy/flowgate.example.yaml", "--operator", "duty-officer"])
        #expect(result.status == 0, "\(result.stderr)")
        let shipped = try String(
            contentsOf: FlowgateProcess.packageRoot.appendingPathComponent("Deploy/mosquitto.acl"), encoding: .utf8)
        #expect(result.stdout == shipped, "regenerate Deploy/mosquitto.acl with flowgate config acl")
        // No rule that every account shares lets anyone write: only named accounts write.
        #expect(!result.stdout.contains("pattern write"))
        #expect(result.stdout.contains("user D1\ntopic write fleet/D1/telemetry\ntopic write fleet/D1/payload/+\n"))
    }

    @Test("a configuration whose gateway sessions share one account is refused, naming both settings")
    func oneAccountRefused() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-acl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let example = try String(
            contentsOf: FlowgateProcess.packageRoot.appendingPathComponent("Deploy/flowgate.example.yaml"),
            encoding: .utf8)
        let bundle = FlowgateProcess.packageRoot.appendingPathComponent("Geofences/berlin-pariser-platz").path
        let shared = example.replacingOccurrences(of: "username: flowgate-egress", with: "username: flowgate-ingress")
            .replacingOccurrences(of: "bundle: ../Geofences/berlin-pariser-platz", with: "bundle: \(bundle)")
            .replacingOccurrences(of: "path: flowgate-audit.sqlite", with: "path: \(folder.path)/audit.sqlite")
        let file = folder.appendingPathComponent("shared.yaml")
        try shared.write(to: file, atomically: true, encoding: .utf8)
        let result = try await FlowgateProcess.run(["config", "acl", file.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("ingress.username and egress.username must be given and differ"))
    }
}
