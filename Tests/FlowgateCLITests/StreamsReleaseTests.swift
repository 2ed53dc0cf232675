import Foundation
import MQTT
import StrictJSON
import TestSupport
import Testing

/// `flowgate streams release` publishes an operator's order on the control topic of the configuration.
@Suite("flowgate streams release", .serialized)
struct StreamsReleaseTests {
    static func configuration(port: Int) throws -> URL {
        let root = FlowgateProcess.packageRoot
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-release-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("flowgate.yaml")
        try """
        bundle: \(root.appendingPathComponent("Geofences/berlin-pariser-platz").path)
        ingress:
          host: 127.0.0.1
          port: \(port)
        egress:
          host: 127.0.0.1
          port: \(port)
        """.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// An operator key pair made by `flowgate streams keygen`: the private key's path.
    static func operatorKey() async throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-key-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("duty-officer.key").path
        let result = try await FlowgateProcess.run(["streams", "keygen", "--out", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: path + ".pub"))
        return path
    }

    @Test("the order reaches the control topic with the drone, stream, operator and reason")
    func publishesOrder() async throws {
        let broker = try TestBroker()
        let listener = try MQTTClient(options: MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "ops"))
        try await listener.connect()
        try await listener.subscribe("flowgate/control/streams", qos: 1)
        let result = try await FlowgateProcess.run([
            "streams", "release", "--config", try Self.configuration(port: broker.port).path, "--drone", "D1",
            "--stream", "cam0", "--operator", "duty-officer", "--reason", "checked: the camera is back on crowd view",
            "--key", try await Self.operatorKey(),
        ])
        #expect(result.status == 0, "\(result.stderr)")
        var received: JSONValue?
        for await message in listener.messages {
            received = try JSONParser.parse(message.payload)
            break
        }
        #expect(received?["action"] == "release")
        #expect(received?["drone"] == "D1")
        #expect(received?["stream"] == "cam0")
        #expect(received?["operator"] == "duty-officer")
        #expect(received?["reason"] == "checked: the camera is back on crowd view")
        // Signed: a nonce and a 64-byte Ed25519 signature, which the gateway checks against the operator's key.
        #expect(received?["nonce"]?.stringValue?.count == 32)
        #expect(received?["signature"]?.stringValue.flatMap { Data(base64Encoded: $0) }?.count == 64)
        listener.disconnect()
    }

    @Test("a release without a real reason is refused before anything is sent")
    func refusesShortReason() async throws {
        let result = try await FlowgateProcess.run([
            "streams", "release", "--config", try Self.configuration(port: 1).path, "--drone", "D1", "--stream",
            "cam0", "--operator", "duty-officer", "--reason", "ok", "--key", try await Self.operatorKey(),
        ])
        #expect(result.status != 0)
        #expect(result.stderr.contains("reason"))
        #expect(result.stderr.contains("10 to 2000 characters"))
    }
}
