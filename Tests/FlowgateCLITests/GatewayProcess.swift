import Foundation
import MQTT
import TestSupport

/// `flowgate run` as a child process of a test.
enum GatewayProcess {
    /// Starts `flowgate run --config config` and returns once `watcher`, subscribed to the gateway's status
    /// topic, has seen it publish `online`.
    static func start(config: URL, watcher: MQTTClient) async throws -> Process {
        let process = Process()
        process.executableURL = try FlowgateProcess.executableURL.get()
        process.arguments = ["run", "--config", config.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for await status in watcher.messages where String(decoding: status.payload, as: UTF8.self) == "online" {
            break
        }
        return process
    }
}
