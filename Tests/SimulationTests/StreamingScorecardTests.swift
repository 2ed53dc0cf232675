import Foundation
import Testing

@testable import Simulation

/// Scoring a truth too large to hold, in two passes over it, gives the scorecard the lists give.
@Suite struct StreamingScorecardTests {
    /// Records as a gateway that decided every message as the truth says would write them (every message not a
    /// plain forward), but for a few it got wrong, one it decided twice, and one about a message not in the truth.
    static func recorded(_ truth: [TruthLine]) -> [(time: Date?, decision: ActualDecision)] {
        var records: [(time: Date?, decision: ActualDecision)] = []
        var repeated = false
        for (position, line) in truth.enumerated() {
            var verdict = line.expected
            var reasons = line.reasons
            // Every 97th message decided wrongly: a compliant one blocked, a faulty one let through.
            if position % 97 == 0 {
                verdict = line.isCompliant ? .block : .forward
                reasons = line.isCompliant ? ["outside_operation_area"] : []
            }
            guard verdict != .forward || !reasons.isEmpty else { continue }
            let decision = ActualDecision(topic: line.topic, digest: line.digest, verdict: verdict, reasons: reasons)
            records.append((line.time.addingTimeInterval(0.01), decision))
            if position >= 500, !repeated {
                records.append((line.time.addingTimeInterval(0.02), decision))
                repeated = true
            }
        }
        records.append(
            (
                nil,
                ActualDecision(topic: "fleet/D9/telemetry", digest: "ff", verdict: .block, reasons: ["malformed_json"])
            ))
        return records
    }

    @Test("the same scorecard as the lists give, on the training day with wrong, repeated and stray records")
    func sameAsTheLists() {
        let truth = SimulationFixtures.trainingDay.map(\.truth)
        let records = Self.recorded(truth)
        var passes = 0
        let streamed = RecordedDecisions.scorecard(
            truth: {
                passes += 1
                return truth.lazy.map { $0 }
            }, recorded: records)
        let listed = Scorecard.score(truth: truth, actual: RecordedDecisions.actual(truth: truth, recorded: records))
        #expect(passes == 2)
        #expect(streamed == listed)
        // The scorecard is not trivially clean: the wrong decisions, the repeat and the stray record all count.
        #expect(streamed.falseBlocks > 0 && streamed.unexpected >= 2 && streamed.truthMessages == truth.count)
    }
}
