import Audit
import Compliance
import Foundation
import Gateway
import GatewayTestSupport
import Geo
import MQTT
import Pipeline
import ServiceLifecycle
import Simulation
import StrictJSON
import TestSupport
import Testing

/// The exercise clock the gateway reads, anchored once the gateway is online.
final class AnchoredClock: @unchecked Sendable {
    private let lock = NSLock()
    private var clock: ExerciseClock

    init(_ clock: ExerciseClock) { self.clock = clock }

    var value: ExerciseClock {
        get { lock.withLock { clock } }
        set { lock.withLock { clock = newValue } }
    }
}

@Suite("The simulator's mixed fleet through a real broker and the running gateway", .serialized)
struct MixedFleetLiveTests {
    /// The mixed fleet shortened to 130 s, with faults each format carries early enough to happen.
    static func shortened() throws -> JSONObject {
        var object = try MixedFleet.json()
        object["duration_s"] = .number(130)
        func fault(_ at: Int, _ drone: String, _ name: String, _ params: JSONObject = [:]) -> JSONValue {
            .object(["at_s": .number(at), "drone": .string(drone), "fault": .string(name), "params": .object(params)])
        }
        object["faults"] = .array([
            fault(20, "1581F5BKD225D00A", "drift_out_of_area", ["lat": .number(52.52), "lon": .number(13.365)]),
            fault(30, "drone7", "descend_below_floor", ["duration_s": .number(10)]),
            fault(40, "RID-4", "enter_no_capture", ["lat": .number(52.5153), "lon": .number(13.3812)]),
            fault(50, "D1", "spoofed_drone_id", ["as": "D9"]),
            fault(70, "RID-4", "malformed_json"),
            fault(80, "1581F5BKD225D00A", "replayed_seq", ["back_s": .number(5)]),
            fault(95, "drone7", "gps_jump", ["bearing_deg": .number(200)]),
            fault(100, "drone7", "face_product", ["stream": "img0"]),
            fault(105, "RID-4", "small_count_cell", ["stream": "flow0"]),
            fault(115, "drone7", "oversized_message"),
        ])
        return object
    }

    @Test("the gateway's recorded decisions score 100 % against the truth")
    func scoresLive() async throws {
        let exercise = try MixedFleet.exercise(try Self.shortened())
        let messages = Array(exercise.messages())
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-mixed-live-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let audit = folder.appendingPathComponent("record.sqlite")
        let broker = try TestBroker()
        // Slow enough that a loaded machine's delays stay well inside the truth's guards (1.5 s of fix age).
        let speed = 2.5
        let clock = AnchoredClock(ExerciseClock(start: exercise.scenario.start, anchor: .distantFuture, rate: speed))
        // The gateway's clock waits for the publisher, as the demo's does: a loaded machine plays the exercise
        // slower instead of wrongly.
        let watermark = PublishingWatermark()
        var config = TestGateway.config(broker, clientID: "flowgate-mixed-fleet")
        config.adapters = try exercise.adapters.settings
        config.clock = { watermark.limit(clock.value.now(wall: $0)) }
        config.audit = AuditSettings(path: audit)
        // The clock waits for the publisher, not for the gateway: the gateway, in this process and beside the
        // whole suite, can fall seconds behind in taking messages from the broker, which the clock and fix-age
        // checks would rightly flag; this exercise has neither a clock nor a dropout fault, and those checks are
        // tested on their own (the engine's tests, training-day through replay, the demo end to end).
        #expect(!exercise.scenario.faults.contains { [.clockSkew, .telemetryDropout].contains($0.kind) })
        config.policy.maximumClockBehind = 300
        config.policy.maximumClockAhead = 300
        config.policy.maximumFixAge = 60
        let gateway = ComplianceGateway(config: config, airspace: exercise.airspace, logger: TestGateway.logger)
        let group = ServiceGroup(services: [gateway], logger: TestGateway.logger)
        let consumer = try MQTTClient(
            options: MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "mixed-consumer-\(UUID())"))
        try await consumer.connect()
        try await consumer.subscribe("flowgate/status", qos: 1)
        let running = Task { try await group.run() }
        _ = await GatewayEndToEndTests.collect(consumer) {
            $0.contains { $0.topic == "flowgate/status" && GatewayEndToEndTests.text($0) == "online" }
        }
        clock.value.anchor = Date().addingTimeInterval(1)
        let publisher = ExercisePublisher(host: "127.0.0.1", port: broker.port, drones: exercise.drones)
        try await publisher.run(
            messages, clock: clock.value, duration: exercise.scenario.duration, watermark: watermark)
        // Every message is acknowledged by the broker; wait until the gateway has decided each one (a minute at
        // most: the whole suite may be running beside this test).
        var decided = 0
        for _ in 0..<600 {
            decided = await gateway.counts.decided
            if decided >= messages.count { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(decided == messages.count, "the gateway decided \(decided) of \(messages.count) messages")
        await group.triggerGracefulShutdown()
        try await running.value
        consumer.disconnect()

        let records = try AuditReader(path: audit.path).records(RecordFilter(kinds: [.decision]))
        let truth = messages.map(\.truth)
        let card = Scorecard.score(truth: truth, actual: try Self.decisions(truth: truth, records: records))
        #expect(card.agreements == card.truthMessages && card.unexpected == 0, "\(card.report())")
        #expect(card.falseBlocks == 0 && card.faults.allSatisfy { $0.recall == 1 }, "\(card.report())")
        #expect(card.faults.count == 10, "\(card.faults.map(\.fault))")
        // The MAVLink drone's heartbeat and SYSTEM_TIME, once a second each.
        #expect((card.matrix[.absorb]?[.absorb] ?? 0) >= 250)
        // Absorbed heartbeats are recorded as decisions (the scorer needs them) but counted as blocked nowhere.
        let tallies = try AuditReader(path: audit.path).records(RecordFilter(kinds: [.tally]))
        let blockedInTallies = tallies.reduce(0) { $0 + ($1.fields["blocked_total"]?.doubleValue.map { Int($0) } ?? 0) }
        let blockedDecisions = records.filter { record in
            let verdict = record.fields["verdict"]?.stringValue ?? ""
            let reasons = record.fields["reasons"]?.arrayValue ?? []
            return record.drone != nil && ["block", "reject"].contains(verdict)
                || (verdict == "withhold" && !reasons.isEmpty)
        }.count
        #expect(blockedInTallies == blockedDecisions)
    }

    /// One decision per truth message from the audit record, matched as `flowgate review score` does.
    static func decisions(truth: [TruthLine], records: [AuditRecord]) throws -> [ActualDecision] {
        let recorded = try records.map { record -> (Date?, ActualDecision) in
            let fields = record.fields
            let topic = try #require(fields["topic"]?.stringValue)
            let digest = try #require(record.digest ?? fields["digest"]?.stringValue)
            let reasons = (fields["reasons"]?.arrayValue ?? []).compactMap(\.stringValue)
            let verdict = try #require(ActualDecision.verdict(fields["verdict"]?.stringValue ?? "", reasons: reasons))
            return (record.date, ActualDecision(topic: topic, digest: digest, verdict: verdict, reasons: reasons))
        }
        return RecordedDecisions.actual(truth: truth, recorded: recorded)
    }
}
