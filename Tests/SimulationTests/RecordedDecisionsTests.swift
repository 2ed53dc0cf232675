import Foundation
import Simulation
import Testing

/// Matching the record's decisions to the truth when the same bytes were sent twice (a replayed message).
@Suite struct RecordedDecisionsTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static let topic = "fleet/D1/telemetry"

    /// A fix sent at `start` (in breach: recorded) and replayed 5 s later, and one plain fix between them.
    static let truth = [
        TruthLine(
            index: 0, time: start, topic: topic, digest: "A", kind: .telemetry, expected: .forward,
            reasons: ["outside_operation_area"], fault: "drift_out_of_area"),
        TruthLine(
            index: 1, time: start.addingTimeInterval(1), topic: topic, digest: "B", kind: .telemetry,
            expected: .forward, reasons: [], fault: nil),
        TruthLine(
            index: 2, time: start.addingTimeInterval(5), topic: topic, digest: "A", kind: .telemetry, expected: .block,
            reasons: ["replayed_seq"], fault: "replayed_seq"),
    ]

    static func record(_ seconds: Double, _ verdict: ExpectedVerdict, _ reasons: [String]) -> (Date?, ActualDecision) {
        (
            start.addingTimeInterval(seconds),
            ActualDecision(topic: topic, digest: "A", verdict: verdict, reasons: reasons)
        )
    }

    @Test(
        "each copy gets its own record however late the gateway received the first (here 7 s, after the replay)",
        arguments: [0.01, 7])
    func replayedCopies(delay: Double) {
        let actual = RecordedDecisions.actual(
            truth: Self.truth,
            recorded: [
                Self.record(delay, .forward, ["outside_operation_area"]),
                Self.record(delay + 5, .block, ["replayed_seq"]),
            ])
        #expect(actual.count == 3)
        #expect(actual[0].reasons == ["outside_operation_area"])
        #expect(actual[1] == ActualDecision(topic: Self.topic, digest: "B", verdict: .forward, reasons: []))
        #expect(actual[2].verdict == .block && actual[2].reasons == ["replayed_seq"])
    }

    @Test("a replay the gateway missed leaves its copy a plain forward; only the first copy has a record")
    func missedReplay() {
        let actual = RecordedDecisions.actual(
            truth: Self.truth, recorded: [Self.record(7, .forward, ["outside_operation_area"])])
        #expect(actual[0].reasons == ["outside_operation_area"])
        #expect(actual[2] == ActualDecision(topic: Self.topic, digest: "A", verdict: .forward, reasons: []))
    }

    @Test("a replay found when the first copy was a plain forward takes the replayed copy")
    func onlyTheReplayRecorded() {
        let actual = RecordedDecisions.actual(
            truth: Self.truth, recorded: [Self.record(5.01, .block, ["replayed_seq"])])
        #expect(actual[0].verdict == .forward && actual[0].reasons.isEmpty)
        #expect(actual[2].verdict == .block && actual[2].reasons == ["replayed_seq"])
    }
}
