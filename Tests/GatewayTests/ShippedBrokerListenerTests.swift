import Foundation
import MQTT
import Testing

/// mosquitto opens a default listener (plain MQTT, port 1883, every interface) when a listener option comes
/// before any `listener` line. The shipped configuration must open its TLS listener and nothing else.
@Suite struct ShippedBrokerListenerTests {
    @Test func theShippedMosquittoConfOpensOnlyItsOwnListener() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let shipped = try String(contentsOf: root.appendingPathComponent("Deploy/mosquitto.conf"), encoding: .utf8)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-listener-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let passwords = folder.appendingPathComponent("flowgate.passwd")
        let acl = folder.appendingPathComponent("flowgate.acl")
        for file in [passwords, acl] { try "".write(to: file, atomically: true, encoding: .utf8) }
        let log = folder.appendingPathComponent("mosquitto.log")
        let broker = try BrokerProcess.onFreePort { port in
            // The shipped file as it is, with this machine's paths and port; without certificates the listener
            // is plain, which changes nothing in which listeners open.
            var lines = ["user \(BrokerProcess.userName)", "log_dest file \(log.path)"]
            for line in shipped.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                if line.hasPrefix("certfile") || line.hasPrefix("keyfile") || line.hasPrefix("cafile") { continue }
                lines.append(
                    line.replacingOccurrences(of: "/etc/mosquitto/flowgate.passwd", with: passwords.path)
                        .replacingOccurrences(of: "/etc/mosquitto/flowgate.acl", with: acl.path)
                        .replacingOccurrences(of: "/var/lib/mosquitto/", with: folder.path + "/")
                        .replacingOccurrences(of: "listener 8883", with: "listener \(port) 127.0.0.1"))
            }
            let file = folder.appendingPathComponent("mosquitto.conf")
            try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
            return file
        }
        defer { broker.stop() }
        let text = try String(contentsOf: log, encoding: .utf8)
        let opened = text.split(separator: "\n").filter { $0.contains("listen socket on port") }.compactMap {
            $0.split(separator: " ").last.flatMap { Int($0.dropLast()) }
        }
        #expect(!opened.isEmpty, "\(text)")
        #expect(Set(opened) == [broker.port], "\(text)")
    }
}
