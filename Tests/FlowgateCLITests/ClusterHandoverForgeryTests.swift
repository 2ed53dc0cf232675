import Compliance
import Foundation
import Gateway
import MQTT
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Someone with the gateway's ingress credentials publishes partition hand-overs: with `cluster.failover.key_file`
/// the running instance applies the one its key authenticates and refuses the rest, each refusal recorded. A
/// hand-over that puts a drone's last `seq` far ahead is what shows it: applied, the drone's next fix is a replay.
@Suite("Forged partition hand-overs", .serialized)
struct ClusterHandoverForgeryTests {
    static let keyHex = String(repeating: "c3", count: 32)

    static func handover(_ drone: String, partition: Int) -> PartitionHandover {
        PartitionHandover(
            instance: "gw-b", partition: partition, suspensions: [],
            drones: [
                drone: DroneHandover(
                    // Its time ahead of the drone's next fix: that fix is then a replay, not a restart.
                    seq: 1_000_000, fixTime: Date().timeIntervalSince1970 + 300,
                    receivedAt: Date().timeIntervalSince1970,
                    latitude: 52.5152, longitude: 13.36, mission: "M-0412", breaches: [], noCapture: [],
                    heightAboveGround: 75)
            ])
    }

    static func fix(_ drone: String) -> [UInt8] {
        let time = ISO8601DateFormatter().string(from: Date())
        return Array(
            (#"{"v":1,"drone":"\#(drone)","mission":"M-0412","seq":1,"time":"\#(time)","#
                + #""position":{"lat":52.5152,"lon":13.36,"alt_m":75,"alt_ref":"AGL"}}"#).utf8)
    }

    @Test("an unsigned, a wrongly signed and a replayed hand-over are refused and recorded; a signed one applies")
    func onlyAuthenticHandoversApply() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-forgery-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let broker = try TestBroker()
        try (Self.keyHex + "\n").write(
            to: folder.appendingPathComponent("cluster.key"), atomically: true, encoding: .utf8)
        let record = folder.appendingPathComponent("gw-a.sqlite")
        let config = folder.appendingPathComponent("gw-a.yaml")
        try """
        bundle: \(FlowgateProcess.packageRoot.appendingPathComponent(FlowgateProcess.demoBundle).path)
        ingress: {host: 127.0.0.1, port: \(broker.port), client_id: flowgate}
        egress: {host: 127.0.0.1, port: \(broker.port), client_id: gw-a-out}
        audit: {path: \(record.path), batch_window_ms: 20, checkpoint: none}
        cluster:
          partitions: 8
          instance: gw-a
          failover: {heartbeat_s: 0.5, lease_s: 2, key_file: cluster.key}
        """.write(to: config, atomically: true, encoding: .utf8)
        let watcher = try MQTTClient(
            options: MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "forgery-watch"))
        try await watcher.connect()
        try await watcher.subscribe("flowgate/status/gw-a", qos: 1)
        let gateway = try await GatewayProcess.start(config: config, watcher: watcher)
        defer { if gateway.isRunning { kill(gateway.processIdentifier, SIGKILL) } }
        try await watcher.subscribe("compliant/#", qos: 1)

        let partitioning = try ClusterPartitioning(count: 8)
        let key = try HandoverKey(hex: Self.keyHex)
        let otherKey = try HandoverKey(hex: String(repeating: "d4", count: 32))
        // Three drones in three different partitions, so that each hand-over stands alone.
        let drones = (1...40).map { "D\($0)" }
        var byPartition: [Int: String] = [:]
        for drone in drones where byPartition[partitioning.partition(of: drone)] == nil {
            byPartition[partitioning.partition(of: drone)] = drone
        }
        let chosen = byPartition.sorted { $0.key < $1.key }.prefix(4).map { ($0.key, $0.value) }
        #expect(chosen.count == 4)
        let (genuinePartition, genuineDrone) = chosen[0]
        let (unsignedPartition, unsignedDrone) = chosen[1]
        let (wrongKeyPartition, wrongKeyDrone) = chosen[2]
        let (replayPartition, replayDrone) = chosen[3]
        let forger = try MQTTClient(options: MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "forger"))
        try await forger.connect()
        func publish(_ handover: PartitionHandover) async throws {
            try await forger.publish(
                MQTTMessage(
                    topic: "fgc/state/\(handover.partition)", payload: handover.encoded(), qos: 1, retain: true))
        }
        try await publish(Self.handover(genuineDrone, partition: genuinePartition).signed(with: key))
        // A flood of the same forgery: one refusal is recorded, the rest counted in it.
        for _ in 1...20 { try await publish(Self.handover(unsignedDrone, partition: unsignedPartition)) }
        try await publish(Self.handover(wrongKeyDrone, partition: wrongKeyPartition).signed(with: otherKey))
        // A replay: an earlier genuine state of gw-b's, published after a later one.
        var later = Self.handover("D999", partition: replayPartition)
        later.drones = [:]
        try await publish(later.signed(with: key, issued: Date()))
        try await publish(
            Self.handover(replayDrone, partition: replayPartition).signed(with: key, issued: Date() - 60))
        try await Task.sleep(for: .seconds(1))

        for (_, drone) in chosen {
            try await forger.publish(
                MQTTMessage(
                    topic: "fp/\(partitioning.partition(of: drone))/fleet/\(drone)/telemetry", payload: Self.fix(drone),
                    qos: 1))
        }
        // The three untouched drones' fixes are forwarded; the one the authentic hand-over moved ahead is not.
        var forwarded: Set<String> = []
        let deadline = ContinuousClock.now + .seconds(30)
        while forwarded.count < 3, ContinuousClock.now < deadline {
            for message in await watcher.receive(1, within: 5) where message.topic.hasPrefix("compliant/") {
                forwarded.insert(message.topic.split(separator: "/").dropFirst().first.map(String.init) ?? "")
            }
        }
        for message in await watcher.receive(1, within: 2) where message.topic.hasPrefix("compliant/") {
            forwarded.insert(message.topic.split(separator: "/").dropFirst().first.map(String.init) ?? "")
        }
        #expect(forwarded == [unsignedDrone, wrongKeyDrone, replayDrone])

        kill(gateway.processIdentifier, SIGTERM)
        #expect(ChildProcess.exitStatus(gateway, within: 20) == 0)
        let timeline = try await FlowgateProcess.run(["review", "timeline", "--json", record.path])
        let refusals = timeline.stdoutLines.filter { $0.contains(#""event":"handover_refused""#) }
        // One a partition: the flood of 20 on one partition is reported once (the rest counted in later reports).
        #expect(refusals.count == 3, "\(timeline.stdout)")
        #expect(
            refusals.contains { $0.contains("not authenticated") && $0.contains(#""partition":\#(unsignedPartition)"#) }
        )
        #expect(
            refusals.contains { $0.contains("not authenticated") && $0.contains(#""partition":\#(wrongKeyPartition)"#) }
        )
        #expect(refusals.contains { $0.contains("a replay") && $0.contains(#""partition":\#(replayPartition)"#) })
        // The authentic hand-over's drone: its fix judged a replay of what the hand-over said it had sent.
        #expect(timeline.stdoutLines.contains { $0.contains(genuineDrone) && $0.contains("replayed_seq") })
        watcher.disconnect()
        forger.disconnect()
        try? FileManager.default.removeItem(at: folder)
    }
}
