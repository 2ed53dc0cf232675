import Foundation
import MQTT

/// The benchmark's private mosquitto: the shared ``BrokerProcess`` launcher with the settings the benchmark's
/// numbers have always been taken with (persistence on, saved every second), its files in a folder of its own
/// that the CPU accounting finds the broker by.
final class BenchBroker: Sendable {
    let port: Int
    let folder: URL
    private let broker: BrokerProcess

    /// - Parameter extraConfiguration: lines added to mosquitto.conf (queue limits, TCP_NODELAY, ...).
    init(extraConfiguration: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "flowgate-broker-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        self.folder = folder
        broker = try BrokerProcess.onFreePort { port in
            let configuration = BrokerProcess.localConfiguration(port: port, folder: folder, extra: extraConfiguration)
            let configurationFile = folder.appendingPathComponent("mosquitto.conf")
            try configuration.write(to: configurationFile, atomically: true, encoding: .utf8)
            return configurationFile
        }
        port = broker.port
    }

    deinit {
        broker.stop()
        try? FileManager.default.removeItem(at: folder)
    }
}
