import Foundation
import Simulation
import Testing

@Suite("Scorecard")
struct ScorecardTests {
    func truth(_ index: Int, _ digest: String, _ expected: ExpectedVerdict, _ reasons: [String], fault: String? = nil)
        -> TruthLine
    {
        TruthLine(
            index: index, time: Date(timeIntervalSince1970: Double(index)), topic: "fleet/D1/payload/cam0",
            digest: digest, kind: .payload, expected: expected, reasons: reasons, fault: fault)
    }

    func actual(_ digest: String, _ verdict: ExpectedVerdict, _ reasons: [String]) -> ActualDecision {
        ActualDecision(topic: "fleet/D1/payload/cam0", digest: digest, verdict: verdict, reasons: reasons)
    }

    var card: Scorecard {
        Scorecard.score(
            truth: [
                truth(1, "a", .forward, []),
                truth(2, "b", .block, ["in_no_fly"], fault: "enter_no_fly"),
                truth(3, "c", .redact, ["small_count_suppressed"], fault: "small_count_cell"),
                truth(4, "d", .block, ["identification_product"], fault: "face_product"),
                truth(5, "e", .forward, []),
                truth(6, "f", .forward, []),
            ],
            actual: [
                actual("a", .forward, []), actual("b", .block, ["in_no_fly"]), actual("c", .forward, []),
                actual("d", .block, ["identification_product", "undefined_field"]), actual("x", .block, ["in_no_fly"]),
                actual("f", .block, ["fix_stale"]),
            ])
    }

    func reason(_ code: String) throws -> Scorecard.ReasonScore {
        try #require(card.reasons.first { $0.code == code })
    }

    @Test("precision and recall per reason are exact")
    func reasons() throws {
        let noFly = try reason("in_no_fly")
        #expect((noFly.truePositives, noFly.falsePositives, noFly.falseNegatives) == (1, 1, 0))
        #expect(noFly.precision == 0.5 && noFly.recall == 1)
        let small = try reason("small_count_suppressed")
        #expect(small.recall == 0 && small.precision == nil)
        let undefined = try reason("undefined_field")
        #expect(undefined.precision == 0 && undefined.recall == nil)
        #expect(try reason("fix_stale").falsePositives == 1)
    }

    @Test("verdict matrix, missing, unexpected and false blocks")
    func matrix() {
        let card = card
        #expect(card.matrix[.forward]?[.forward] == 1)
        #expect(card.matrix[.forward]?[.block] == 1)
        #expect(card.matrix[.forward]?[nil] == 1)
        #expect(card.matrix[.redact]?[.forward] == 1)
        #expect(card.matrix[.block]?[.block] == 2)
        #expect((card.missing, card.unexpected, card.agreements) == (1, 1, 3))
        #expect((card.compliantMessages, card.falseBlocks) == (3, 1))
    }

    @Test("per-fault recall counts the right verdict with every expected reason")
    func faults() {
        let recall = Dictionary(uniqueKeysWithValues: card.faults.map { ($0.fault, $0.recall) })
        #expect(recall == ["enter_no_fly": 1, "small_count_cell": 0, "face_product": 1])
    }

    @Test("thresholds: each one not met is named; met ones pass")
    func thresholds() {
        #expect(card.failures(ScoreThresholds()).isEmpty)
        let failures = card.failures(
            ScoreThresholds(minimumRecall: 1, minimumPrecision: 0.5, maximumFalseBlocks: 0, maximumMissing: 1))
        #expect(failures.count == 4)
        #expect(failures.contains("recall of small_count_suppressed is 0.0 %, below 100.0 %"))
        #expect(failures.contains("precision of undefined_field is 0.0 %, below 50.0 %"))
        #expect(failures.contains("precision of fix_stale is 0.0 %, below 50.0 %"))
        #expect(failures.contains("1 false blocks of compliant traffic, more than 0"))
        #expect(!failures.contains { $0.contains("in_no_fly") })
        #expect(
            card.failures(ScoreThresholds(minimumFaultRecall: 1)) == [
                "recall of fault small_count_cell is 0.0 %, below 100.0 %"
            ])
    }

    @Test("repeated messages are matched in order")
    func repeated() {
        let card = Scorecard.score(
            truth: [truth(1, "r", .forward, []), truth(2, "r", .block, ["replayed_seq"], fault: "replayed_seq")],
            actual: [actual("r", .forward, []), actual("r", .block, ["replayed_seq"])])
        #expect(card.agreements == 2 && card.falseBlocks == 0 && card.faults.first?.recall == 1)
    }

    @Test("a replay output line reads as a decision: withhold and reject are blocks, warnings are not reasons")
    func replayLine() throws {
        let rejected = try #require(
            try ActualDecision.replayLine(
                #"{"line":3,"topic":"fleet/D1/telemetry","digest":"ab","verdict":"reject","reasons":[],"#
                    + #""rejection":{"code":"malformed_json","detail":"x"}}"#))
        #expect(rejected == actual("ab", .block, ["malformed_json"]).with(topic: "fleet/D1/telemetry"))
        let warned = try #require(
            try ActualDecision.replayLine(
                #"{"topic":"t","digest":"cd","verdict":"forward","reasons":[{"code":"near_no_fly","severity":"warning"},"#
                    + #"{"code":"below_floor","severity":"breach"}]}"#))
        #expect(warned.reasons == ["below_floor"] && warned.verdict == .forward)
        #expect(try ActualDecision.replayLine(#"{"line":4,"error":"unreadable"}"#) == nil)
        #expect(throws: ScoringInputError.self) { try ActualDecision.replayLine(#"{"topic":"t","verdict":"forward"}"#) }
    }
}

extension ActualDecision {
    func with(topic: String) -> ActualDecision {
        ActualDecision(topic: topic, digest: digest, verdict: verdict, reasons: reasons)
    }
}
