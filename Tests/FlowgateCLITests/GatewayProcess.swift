import Foundation
import MQTT
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// `flowgate run` as a child process of a test.
enum GatewayProcess {
    /// Starts `flowgate run --config config` and returns once `watcher`, subscribed to the gateway's status
    /// topic, has seen it publish `online` (what else the watcher receives before that is dropped).
    /// - Throws: when it is not online within `seconds` (the process is killed).
    static func start(config: URL, watcher: MQTTClient, within seconds: Double = 60) async throws -> Process {
        let process = Process()
        process.executableURL = try FlowgateProcess.executableURL.get()
        process.arguments = ["run", "--config", config.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            let status = await watcher.receive(1, within: 1)
            if status.contains(where: { String(decoding: $0.payload, as: UTF8.self) == "online" }) { return process }
        }
        kill(process.processIdentifier, SIGKILL)
        throw FlowgateProcessError("flowgate run --config \(config.path) did not come online within \(Int(seconds)) s")
    }
}
