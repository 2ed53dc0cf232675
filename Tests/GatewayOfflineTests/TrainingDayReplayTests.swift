import Airspace
import Compliance
import Foundation
import Gateway
import GatewayTestSupport
import Pipeline
import Simulation
import StrictJSON
import Testing

/// The whole `training-day` exercise through `Replay` (the very engine the live gateway runs), scored against the
/// simulator's ground truth: every fault found, nothing compliant blocked, every verdict as the truth says.
@Suite("training-day through replay")
struct TrainingDayReplayTests {
    static let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Simulator/Scenarios")

    @Test("scores 100 % on every fault with no false block, and every verdict agrees")
    func scored() throws {
        let exercise = try Exercise.load(Self.scenarios.appendingPathComponent("training-day.json"))
        let bundle = try BundleLoader.load(directory: exercise.scenario.bundleDirectory)
        var replay = Replay(engine: ComplianceEngine(airspace: AirspaceIndex(bundle: bundle)))
        var truth: [TruthLine] = []
        var actual: [ActualDecision] = []
        for (index, message) in exercise.messages().enumerated() {
            truth.append(message.truth)
            let line = replay.single(
                RecordedMessage(time: message.time, topic: message.topic, payload: message.payload), line: index + 1)
            if let decision = try ActualDecision.replayLine(JSONWriter.write(.object(line))) { actual.append(decision) }
        }
        let card = Scorecard.score(truth: truth, actual: actual)
        #expect(card.truthMessages > 15_000)
        #expect(card.missing == 0)
        #expect(card.falseBlocks == 0)
        #expect(card.agreements == card.truthMessages, "\(card.report())")
        #expect(card.faults.count == 16, "every kind of fault is in the exercise")
        for fault in card.faults { #expect(fault.recall == 1, "\(fault.fault)") }
        #expect(card.failures(ScoreThresholds(minimumRecall: 1, minimumPrecision: 1)).isEmpty, "\(card.report())")
    }
}
