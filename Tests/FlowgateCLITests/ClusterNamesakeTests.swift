import Foundation
import Gateway
import MQTT
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Two `flowgate run` processes configured with the same `cluster.instance` (a copied configuration): the one that
/// started later stops with an error naming the name and records why; the first goes on, its status untouched.
/// On a plain mosquitto, which the membership protocol needs nothing more than (retained messages and wills); the
/// drone publishes to its partition's topic itself, as NATS's mapping would.
@Suite("Two instances with one name", .serialized)
struct ClusterNamesakeTests {
    static func configuration(_ folder: URL, port: Int, egressID: String, record: String) throws -> URL {
        let file = folder.appendingPathComponent("\(egressID).yaml")
        try """
        bundle: \(FlowgateProcess.packageRoot.appendingPathComponent(FlowgateProcess.demoBundle).path)
        ingress: {host: 127.0.0.1, port: \(port), client_id: flowgate}
        egress: {host: 127.0.0.1, port: \(port), client_id: \(egressID)}
        audit: {path: \(folder.appendingPathComponent(record).path), batch_window_ms: 20, checkpoint: none}
        cluster:
          partitions: 8
          instance: gw-a
          owned: [0, 1, 2, 3, 4, 5, 6, 7]
          failover: {heartbeat_s: 0.5, lease_s: 2}
        """.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test("the later namesake stops with an error naming it and records why; the first keeps forwarding")
    func laterNamesakeStops() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-namesake-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let broker = try TestBroker()
        let first = try Self.configuration(folder, port: broker.port, egressID: "first-out", record: "first.sqlite")
        let second = try Self.configuration(
            folder, port: broker.port, egressID: "second-out", record: "second.sqlite")
        let watcher = try MQTTClient(
            options: MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "namesake-watch"))
        try await watcher.connect()
        try await watcher.subscribe("flowgate/status/gw-a", qos: 1)
        try await watcher.subscribe("compliant/#", qos: 1)

        let running = try await GatewayProcess.start(config: first, watcher: watcher)
        defer { if running.isRunning { kill(running.processIdentifier, SIGKILL) } }

        let stopped = try await FlowgateProcess.run(["run", "--config", second.path], timeout: 60)
        #expect(stopped.status == 1, "\(stopped.stderr)")
        #expect(stopped.stderr.contains(#"cluster.instance "gw-a" is already in use by another live gateway"#))

        // The first still holds every partition: a drone's fix on its partition's topic is forwarded.
        let partition = try ClusterPartitioning(count: 8).partition(of: "D1")
        let drone = try MQTTClient(options: MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "D1"))
        try await drone.connect()
        let fix =
            #"{"v":1,"drone":"D1","mission":"M-0412","seq":1,"time":"\#(ISO8601DateFormatter().string(from: Date()))","#
            + #""position":{"lat":52.5152,"lon":13.36,"alt_m":75,"alt_ref":"AGL"}}"#
        try drone.send(MQTTMessage(topic: "fp/\(partition)/fleet/D1/telemetry", payload: Array(fix.utf8), qos: 1))
        let after = await watcher.receive(1, within: 30)
        // No "offline" from the one that stopped on the first's status topic: the forward comes first.
        #expect(after.map(\.topic) == ["compliant/D1/telemetry"])
        #expect(running.isRunning)

        let secondTimeline = try await FlowgateProcess.run([
            "review", "timeline", "--json", folder.appendingPathComponent("second.sqlite").path,
        ])
        #expect(secondTimeline.stdout.contains(#""event":"instance_name_taken""#), "\(secondTimeline.stdout)")
        kill(running.processIdentifier, SIGTERM)
        #expect(ChildProcess.exitStatus(running, within: 20) == 0)
        let firstTimeline = try await FlowgateProcess.run([
            "review", "timeline", "--json", folder.appendingPathComponent("first.sqlite").path,
        ])
        #expect(firstTimeline.status == 0)
        #expect(!firstTimeline.stdout.contains("instance_name_taken"))
        #expect(firstTimeline.stdout.contains("partitions_changed"))
        watcher.disconnect()
        drone.disconnect()
        try? FileManager.default.removeItem(at: folder)
    }
}
