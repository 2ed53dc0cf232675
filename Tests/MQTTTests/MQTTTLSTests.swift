import Foundation
import MQTT
import TestSupport
import Testing

/// The client over TLS to a real mosquitto whose certificates the test makes with openssl.
@Suite("MQTT over TLS", .serialized)
struct MQTTTLSTests {
    /// A CA and a server certificate for 127.0.0.1, signed by it, in a new folder.
    static func certificates() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "subjectAltName=IP:127.0.0.1\n".write(
            to: folder.appendingPathComponent("san.ext"), atomically: true, encoding: .utf8)
        let steps: [[String]] = [
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=flowgate test CA",
                "-keyout", "ca.key", "-out", "ca.crt",
            ],
            [
                "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", "server.key", "-out",
                "server.csr",
            ],
            [
                "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days",
                "2",
                "-extfile", "san.ext", "-out", "server.crt",
            ],
        ]
        for arguments in steps {
            let tool = Process()
            tool.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            tool.arguments = arguments
            tool.currentDirectoryURL = folder
            tool.standardOutput = FileHandle.nullDevice
            tool.standardError = FileHandle.nullDevice
            try tool.run()
            while tool.isRunning { usleep(10_000) }
            guard tool.terminationStatus == 0 else { throw BrokerError("openssl \(arguments[0]) failed") }
        }
        return folder
    }

    /// A broker whose listener speaks TLS with the server certificate in `certificates`.
    static func broker(with certificates: URL) throws -> TestBroker {
        try TestBroker(
            extraConfiguration: """
                allow_anonymous true
                cafile \(certificates.appendingPathComponent("ca.crt").path)
                certfile \(certificates.appendingPathComponent("server.crt").path)
                keyfile \(certificates.appendingPathComponent("server.key").path)
                """)
    }

    @Test("a client that trusts the broker's CA connects and exchanges messages over TLS")
    func tlsRoundTrip() async throws {
        let certificates = try Self.certificates()
        defer { try? FileManager.default.removeItem(at: certificates) }
        let broker = try Self.broker(with: certificates)
        var options = MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "tls-client")
        options.tls = MQTTOptions.TLS(caFile: certificates.appendingPathComponent("ca.crt").path)
        options.connectTimeout = 5
        let client = try MQTTClient(options: options)
        try await client.connect()
        try await client.subscribe("fleet/+/telemetry", qos: 1)
        try await client.publish(MQTTMessage(topic: "fleet/D1/telemetry", payload: Array("over tls".utf8), qos: 1))
        var received: MQTTMessage?
        for await message in client.messages {
            received = message
            break
        }
        #expect(received.map { String(decoding: $0.payload, as: UTF8.self) } == "over tls")
        client.disconnect()
    }

    @Test("a client that does not trust the broker's certificate does not connect")
    func untrustedBroker() async throws {
        let certificates = try Self.certificates()
        let stranger = try Self.certificates()
        defer {
            try? FileManager.default.removeItem(at: certificates)
            try? FileManager.default.removeItem(at: stranger)
        }
        let broker = try Self.broker(with: certificates)
        var options = MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "suspicious-client")
        options.tls = MQTTOptions.TLS(caFile: stranger.appendingPathComponent("ca.crt").path)
        options.connectTimeout = 2
        let client = try MQTTClient(options: options)
        await #expect(throws: MQTTError.self) { try await client.connect() }
        client.disconnect()
    }
}
