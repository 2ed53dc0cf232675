import Foundation
import Simulation
import Testing

@Suite("Scoring absorbed status messages")
struct AdapterScoringTests {
    func truth(_ index: Int, _ expected: ExpectedVerdict, _ reasons: [String] = []) -> TruthLine {
        TruthLine(
            index: index, time: Date(timeIntervalSince1970: 0), topic: "mavlink/drone7/HEARTBEAT",
            digest: "h\(index)", kind: .telemetry, expected: expected, reasons: reasons, fault: nil)
    }

    func actual(_ index: Int, _ verdict: ExpectedVerdict, _ reasons: [String] = []) -> ActualDecision {
        ActualDecision(topic: "mavlink/drone7/HEARTBEAT", digest: "h\(index)", verdict: verdict, reasons: reasons)
    }

    @Test("a withhold without a reason reads as absorb; with one (a replay) as a block")
    func withhold() throws {
        let absorbed = try ActualDecision.replayLine(
            #"{"topic":"mavlink/drone7/HEARTBEAT","digest":"ab","verdict":"withhold","reasons":[]}"#)
        #expect(absorbed?.verdict == .absorb)
        let replayed = try ActualDecision.replayLine(
            #"{"topic":"t","digest":"cd","verdict":"withhold","reasons":[{"code":"replayed_seq","severity":"breach"}]}"#
        )
        #expect(replayed?.verdict == .block && replayed?.reasons == ["replayed_seq"])
        #expect(ActualDecision.verdict("withhold", reasons: []) == .absorb)
        #expect(ActualDecision.verdict("withhold") == .block)
        #expect(try TruthLine(line: truth(1, .absorb).json) == truth(1, .absorb))
    }

    @Test("absorbed status messages are compliant traffic: a block of one is a false block, a forward is not")
    func compliant() {
        let card = Scorecard.score(
            truth: [truth(1, .absorb), truth(2, .absorb), truth(3, .absorb), truth(4, .forward)],
            actual: [actual(1, .absorb), actual(2, .block), actual(3, .forward), actual(4, .absorb)])
        #expect(card.compliantMessages == 4)
        // The block of a heartbeat, and a compliant fix not passed on.
        #expect(card.falseBlocks == 2)
        #expect(card.agreements == 1)
        #expect(card.matrix[.absorb]?[.absorb] == 1 && card.matrix[.absorb]?[.forward] == 1)
        #expect(card.report().contains("absorb"))
    }
}
