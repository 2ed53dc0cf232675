import Audit
import Foundation
import Geo
import MQTT
import StrictJSON
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// What a crash can lose: `flowgate run` killed (SIGKILL) while the consumers' broker stalls loses at most its
/// custody window (256 messages by default) of a 3,000-message stream; the next start records that bound and,
/// from the drone's `seq`, the gap it sees. And the window bounds memory in bytes: 1 MB messages with the
/// consumers' broker stalled do not pile up in the gateway.
@Suite("What a crash of the gateway can lose", .serialized)
struct CustodyLossTests {
    /// Two brokers, as deployed: the drones' (which must keep the backlog of the gateway's session) and the
    /// consumers'.
    struct Site {
        let drones: TestBroker
        let consumers: TestBroker
        let folder: URL
        let config: URL
        var record: URL { folder.appendingPathComponent("record.sqlite") }

        init(limits: String = "") throws {
            let queues = "allow_anonymous true\nmax_queued_messages 300000\nmax_queued_bytes 0\npersistence false"
            drones = try TestBroker(extraConfiguration: queues)
            consumers = try TestBroker(extraConfiguration: queues)
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-custody-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            config = folder.appendingPathComponent("flowgate.yaml")
            // Fixes judged long after they were sent (the backlog after the restart) stay within the limits.
            try """
            bundle: \(FlowgateProcess.packageRoot.appendingPathComponent(FlowgateProcess.demoBundle).path)
            ingress: {host: 127.0.0.1, port: \(drones.port), client_id: flowgate-ingress}
            egress: {host: 127.0.0.1, port: \(consumers.port), client_id: flowgate-egress}
            limits: {max_fix_age_s: 3600, max_clock_behind_s: 3600\(limits)}
            audit:
              path: \(folder.appendingPathComponent("record.sqlite").path)
              batch_window_ms: 20
              checkpoint: none
            """.write(to: config, atomically: true, encoding: .utf8)
        }

        func client(_ id: String, on broker: TestBroker, persistent: Bool = false) throws -> MQTTClient {
            var options = MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: id)
            options.cleanSession = !persistent
            options.reconnectDelay = 1...1
            return try MQTTClient(options: options)
        }

        /// Starts `flowgate run` and returns once it has published `online`.
        func startGateway(watcher: MQTTClient) async throws -> Process {
            try await GatewayProcess.start(config: config, watcher: watcher)
        }
    }

    static func fix(seq: Int, padding: Int = 0) -> [UInt8] {
        let time = RFC3339.format(Date())
        return Array(
            (#"{"v":1,"drone":"D1","mission":"M-0412","seq":\#(seq),"time":"\#(time)","#
                + #""position":{"lat":52.5152,"lon":13.36,"alt_m":40,"alt_ref":"AGL"}"#
                + String(repeating: " ", count: padding) + "}").utf8)
    }

    /// The `seq` of each compliant telemetry message the consumer gets, until `last` has come or `seconds` pass.
    static func forwardedSeqs(_ consumer: MQTTClient, until last: Int, within seconds: Double) async -> Set<Int> {
        let collected = Task {
            var seqs: Set<Int> = []
            for await message in consumer.messages where message.topic == "compliant/D1/telemetry" {
                if let seq = try? JSONParser.parse(message.payload)["seq"]?.wholeNumber { seqs.insert(seq) }
                if seqs.contains(last) { break }
            }
            return seqs
        }
        let timer = Task {
            try? await Task.sleep(for: .seconds(seconds))
            collected.cancel()
        }
        defer { timer.cancel() }
        return await collected.value
    }

    @Test(
        "SIGKILL with the consumers' broker stalled loses at most 256 of 3,000; the next start records the bound and the gap"
    )
    func killedWhileEgressStalls() async throws {
        let site = try Site()
        let watcher = try site.client("watch", on: site.consumers)
        try await watcher.connect()
        try await watcher.subscribe("flowgate/status", qos: 1)
        let consumer = try site.client("ops-centre", on: site.consumers, persistent: true)
        try await consumer.connect()
        try await consumer.subscribe("compliant/#", qos: 1)
        let drone = try site.client("D1", on: site.drones)
        try await drone.connect()

        let first = try await site.startGateway(watcher: watcher)
        for seq in 1...1_000 {
            try drone.send(MQTTMessage(topic: "fleet/D1/telemetry", payload: Self.fix(seq: seq), qos: 1))
        }
        let before = await Self.forwardedSeqs(consumer, until: 1_000, within: 60)
        #expect(before.count == 1_000, "forwarded before the stall: \(before.count)")
        // The progress note (every half second) has the first thousand as safe.
        try await Task.sleep(for: .seconds(1.5))

        site.consumers.pause()
        for seq in 1_001...3_000 {
            try drone.send(MQTTMessage(topic: "fleet/D1/telemetry", payload: Self.fix(seq: seq), qos: 1))
        }
        #expect(await drone.flush(timeout: 30), "the drones' broker took the whole stream")
        try await Task.sleep(for: .seconds(3))
        kill(first.processIdentifier, SIGKILL)
        #expect(ChildProcess.exitStatus(first, within: 10) == 128 + SIGKILL)
        site.consumers.resume()
        let eventReader = try site.client("events", on: site.consumers)
        try await eventReader.connect()
        try await eventReader.subscribe("flowgate/events/D1", qos: 1)
        let publishedGap = Task {
            for await message in eventReader.messages
            where (try? JSONParser.parse(message.payload)["event"]) == "seq_gap" {
                return try? JSONParser.parse(message.payload)
            }
            return nil
        }

        let second = try await site.startGateway(watcher: watcher)
        let after = await Self.forwardedSeqs(consumer, until: 3_000, within: 90)
        let lost = Set(1_001...3_000).subtracting(after)
        #expect(after.contains(3_000), "the stream's end arrives after the restart")
        #expect(lost.count <= 256, "lost \(lost.count) messages, more than the custody window of 256")
        kill(second.processIdentifier, SIGTERM)
        #expect(ChildProcess.exitStatus(second, within: 30) == 0, "graceful stop exits 0")

        let reader = try AuditReader(path: site.record.path)
        let gap = try #require(try reader.last(.gap), "the restart after the crash records a gap")
        let fields = try JSONParser.parse(Array((gap.body ?? "").utf8))
        #expect(fields["may_have_lost_at_most"]?["messages"]?.wholeNumber == 256)
        #expect(fields["may_have_lost_at_most"]?["bytes"]?.wholeNumber == 8 << 20)
        let confirmed = try #require(fields["confirmed_seq"]?["D1"]?.wholeNumber, "the gap names D1's confirmed seq")
        #expect(confirmed >= 1_000, "everything before the stall was confirmed safe")
        #expect(lost.allSatisfy { $0 > confirmed }, "nothing confirmed was lost")
        let events = try reader.records(RecordFilter(drone: "D1", kinds: [.event])).compactMap {
            try? JSONParser.parse(Array(($0.body ?? "").utf8))
        }
        let seqGap = try #require(events.first { $0["event"] == "seq_gap" }, "a seq_gap event for D1")
        let missing = try #require(seqGap["missing"]?.wholeNumber)
        #expect(missing >= lost.count, "the gap seen (\(missing)) covers what was lost (\(lost.count))")
        #expect(missing <= 256 + 1, "the gap seen is within the window")
        eventReader.disconnect()
        let published = await publishedGap.value
        #expect(published?["missing"]?.wholeNumber == missing, "consumers get the same seq_gap")
        let stop = try #require(try reader.last(.stop))
        #expect(try JSONParser.parse(Array((stop.body ?? "").utf8))["unconfirmed_messages"]?.wholeNumber == 0)

        let verify = try await FlowgateProcess.run(["audit", "verify", site.record.path])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        drone.disconnect()
        consumer.disconnect()
        watcher.disconnect()
    }

    @Test("1 MB messages with the consumers' broker stalled: the gateway holds its byte window, not the backlog")
    func bytesBoundMemory() async throws {
        let site = try Site(limits: ", max_message_bytes: 2097152")
        let watcher = try site.client("watch", on: site.consumers)
        try await watcher.connect()
        try await watcher.subscribe("flowgate/status", qos: 1)
        let drone = try site.client("D1", on: site.drones)
        try await drone.connect()
        let consumer = try site.client("ops-centre", on: site.consumers, persistent: true)
        try await consumer.connect()
        try await consumer.subscribe("compliant/#", qos: 1)
        let gateway = try await site.startGateway(watcher: watcher)
        // A padded fix is forwarded: each one waits in custody for the consumers' broker.
        try drone.send(MQTTMessage(topic: "fleet/D1/telemetry", payload: Self.fix(seq: 1, padding: 1 << 20), qos: 1))
        #expect(await Self.forwardedSeqs(consumer, until: 1, within: 30) == [1])
        let baseline = try #require(Self.residentMegabytes(gateway.processIdentifier))

        site.consumers.pause()
        let sampling = Task {
            var most = 0.0
            while !Task.isCancelled {
                most = max(most, Self.residentMegabytes(gateway.processIdentifier) ?? 0)
                try? await Task.sleep(for: .milliseconds(50))
            }
            return most
        }
        for seq in 2...201 {
            try drone.send(
                MQTTMessage(topic: "fleet/D1/telemetry", payload: Self.fix(seq: seq, padding: 1 << 20), qos: 1))
        }
        #expect(await drone.flush(timeout: 60), "the drones' broker took 200 MB")
        try await Task.sleep(for: .seconds(3))
        sampling.cancel()
        let most = await sampling.value
        site.consumers.resume()
        // 8 MiB of window and one message over it, each copied a few times on its way (libmosquitto's read
        // buffer, the message, the decoder): well under 100 MB. Without the byte bound, 200 MB piled up.
        #expect(most - baseline < 100, "resident memory grew from \(baseline) MB to \(most) MB")
        kill(gateway.processIdentifier, SIGTERM)
        #expect(ChildProcess.exitStatus(gateway, within: 60) == 0)
        drone.disconnect()
        consumer.disconnect()
        watcher.disconnect()
    }

    /// VmRSS of a process, in MB.
    static func residentMegabytes(_ pid: Int32) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return nil }
        return kilobytes / 1_024
    }
}

extension JSONValue {
    /// A number as an `Int` (the test's values are small whole numbers).
    fileprivate var wholeNumber: Int? { doubleValue.map { Int($0) } }
}
