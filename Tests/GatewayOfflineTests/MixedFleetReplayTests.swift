import Airspace
import Compliance
import Foundation
import Gateway
import GatewayTestSupport
import Geo
import Pipeline
import Simulation
import StrictJSON
import TestSupport
import Testing

@Suite("The simulator's mixed fleet through the adapters and replay")
struct MixedFleetReplayTests {
    @Test("each format decodes through the real adapters to the native twin's fix (units converted right)")
    func decodesToNativeFix() throws {
        let object = try MixedFleet.json()
        let exercise = try MixedFleet.exercise(object)
        let twin = try MixedFleet.exercise(MixedFleet.native(object))
        // The MAVLink bridge's status messages (HEARTBEAT, SYSTEM_TIME) have no native twin.
        let mixed = Array(exercise.messages()).filter {
            !$0.topic.hasSuffix("/HEARTBEAT") && !$0.topic.hasSuffix("/SYSTEM_TIME")
        }
        let native = Array(twin.messages())
        try #require(mixed.count == native.count)
        let datum = exercise.airspace.bundle.site.datum
        var pipeline = MessagePipeline(
            engine: ComplianceEngine(airspace: exercise.airspace), adapters: try exercise.adapters.settings)
        var sources: [String: Int] = [:]
        for (wire, plain) in zip(mixed, native) {
            let decisions = pipeline.decide(IncomingMessage(topic: wire.topic, payload: wire.payload), at: wire.time)
            try #require(decisions.count == 1, "\(wire.topic)")
            let decision = decisions[0]
            guard wire.truth.kind == .telemetry, wire.truth.expected == .forward else { continue }
            let fix = try #require(decision.fix, "\(wire.topic) at \(RFC3339.format(wire.time))")
            let expected = try #require(try JSONParser.parse(plain.payload).objectValue)
            let position = expected["position"]
            #expect(abs(fix.position.latitude - (position?["lat"]?.doubleValue ?? 0)) < 1e-9)
            #expect(abs(fix.position.longitude - (position?["lon"]?.doubleValue ?? 0)) < 1e-9)
            let agl = datum.convert(amsl: datum.amsl(fix.altitude, fix.altitudeReference), to: .agl)
            #expect(abs(agl - (position?["alt_m"]?.doubleValue ?? 0)) < 0.06, "\(wire.topic)")
            let speed = expected["velocity"]?["ground_speed_mps"]?.doubleValue ?? 0
            #expect(abs((fix.velocity?.groundSpeed ?? -1) - speed) < 0.06, "\(wire.topic)")
            #expect(fix.drone == wire.drone && fix.mission == "M-0412")
            sources[fix.source ?? "native", default: 0] += 1
        }
        #expect(Set(sources.keys) == ["native", "dji_cloud_api", "mavlink_json", "remote_id"])
        #expect(sources.values.allSatisfy { $0 > 300 })
    }

    @Test("a MAVLink drone's skewed clock (its SYSTEM_TIME) is caught through replay, and only while it lasts")
    func mavlinkClockSkew() throws {
        var object = try MixedFleet.json()
        var faults = object["faults"]?.arrayValue ?? []
        faults.append(
            .object([
                "at_s": .number(200), "drone": "drone7", "fault": "clock_skew",
                "params": .object(["offset_s": .number(45), "duration_s": .number(6)]),
            ]))
        object["faults"] = .array(faults)
        let exercise = try MixedFleet.exercise(object)
        let messages = Array(exercise.messages())
        let card = Scorecard.score(truth: messages.map(\.truth), actual: try MixedFleet.replayed(exercise, messages))
        #expect(card.agreements == card.truthMessages && card.falseBlocks == 0, "\(card.report())")
        let skewed = messages.filter {
            $0.topic == "mavlink/drone7/GLOBAL_POSITION_INT" && $0.truth.fault == "clock_skew"
        }
        // At 2 Hz, fixes placed by the SYSTEM_TIMEs of the 6 s: the skew is judged from the first one on.
        #expect((10...12).contains(skewed.count), "\(skewed.count)")
        #expect(skewed.allSatisfy { $0.truth.reasons.contains("clock_ahead") })
        #expect(card.faults.first { $0.fault == "clock_skew" }?.recall == 1)
    }

    @Test("the mixed-fleet recording scores 100 % through replay with its adapters, as its native twin does")
    func scoresFully() throws {
        let object = try MixedFleet.json()
        for variant in [object, MixedFleet.native(object)] {
            let exercise = try MixedFleet.exercise(variant)
            let messages = Array(exercise.messages())
            let card = Scorecard.score(
                truth: messages.map(\.truth), actual: try MixedFleet.replayed(exercise, messages))
            #expect(card.truthMessages == messages.count && card.agreements == card.truthMessages, "\(card.report())")
            #expect(card.missing == 0 && card.unexpected == 0 && card.falseBlocks == 0)
            #expect(card.faults.count >= 12 && card.faults.allSatisfy { $0.recall == 1 })
            let all = ScoreThresholds(
                minimumRecall: 1, minimumPrecision: 1, minimumFaultRecall: 1, maximumFalseBlocks: 0, maximumMissing: 0)
            #expect(card.failures(all).isEmpty)
            let absorbed = card.matrix[.absorb]?[.absorb] ?? 0
            // The MAVLink drone's heartbeat and SYSTEM_TIME, each once a second for 600 s.
            #expect(absorbed == (exercise.adapters.isEmpty ? 0 : 1_200))
        }
    }

    @Test("the shipped mixed-fleet-site/flowgate.yaml configures the adapters the scenario needs")
    func shippedConfig() throws {
        let file = ScenarioFiles.folder.appendingPathComponent("mixed-fleet-site/flowgate.yaml")
        let config = try ConfigReader.load(file: file, checkFiles: false)
        let exercise = try Exercise.load(ScenarioFiles.url("mixed-fleet"))
        #expect(try config.adapters == exercise.adapters.settings)
        #expect(config.bundle.standardizedFileURL.path == exercise.scenario.bundleDirectory.path)
    }
}
