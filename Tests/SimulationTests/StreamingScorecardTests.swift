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

    @Test("a message without a record inside a recorded seq_gap counts as missing, not forwarded")
    func messagesInARecordedGapAreMissing() throws {
        let truth = SimulationFixtures.trainingDay.map(\.truth)
        let records = Self.recorded(truth)
        // A stretch of one drone's plain forwards (no records) that a takeover lost.
        let plain = truth.filter { line in
            line.droneSeq != nil && !records.contains { $0.decision.key == line.key }
        }
        let drone = try #require(plain.first?.droneSeq?.drone)
        let lost = plain.filter { $0.droneSeq?.drone == drone }.prefix(5).compactMap(\.droneSeq)
        #expect(lost.count == 5)
        var gaps = RecordedGaps()
        gaps.add(drone: drone, confirmedSeq: lost.first!.seq - 1, nextSeq: lost.last!.seq + 1)
        // A gap of another drone over the same numbers takes nothing of this one's.
        gaps.add(drone: drone + "-other", confirmedSeq: 0, nextSeq: 1_000_000)
        let whole = RecordedDecisions.scorecard(truth: { truth }, recorded: records)
        let gapped = RecordedDecisions.scorecard(truth: { truth }, recorded: records, gaps: gaps)
        let inGap = truth.filter { $0.droneSeq.map(gaps.contains) ?? false }
        #expect(inGap.count >= 5)
        let unrecorded = inGap.filter { line in !records.contains { $0.decision.key == line.key } }
        #expect(gapped.missing == whole.missing + unrecorded.count)
        #expect(gapped.truthMessages == whole.truthMessages)
        #expect(
            (gapped.matrix[.forward]?[.forward] ?? 0)
                == (whole.matrix[.forward]?[.forward] ?? 0) - unrecorded.filter { $0.expected == .forward }.count)
    }

    @Test("a truth line keeps a native fix's drone and seq, reads older lines without them, and refuses half")
    func truthLinesKeepTheSeq() throws {
        let line = try #require(SimulationFixtures.trainingDay.map(\.truth).first { $0.droneSeq != nil })
        #expect(try TruthLine(line: line.json) == line)
        var old = line
        old.droneSeq = nil
        #expect(!old.json.contains(#""seq""#))
        #expect(try TruthLine(line: old.json).droneSeq == nil)
        let half = line.json.replacingOccurrences(of: #""drone":"\#(line.droneSeq!.drone)","#, with: "")
        #expect(half != line.json)
        #expect(throws: ScoringInputError.self) { try TruthLine(line: half) }
        let negative = line.json.replacingOccurrences(of: #""seq":\#(line.droneSeq!.seq)"#, with: #""seq":-3"#)
        #expect(throws: ScoringInputError.self) { try TruthLine(line: negative) }
    }
}
