/// A scorecard built one truth message at a time, each with the gateway's decision about it: what
/// ``Scorecard/score(truth:actual:)`` does over two lists, and what a scorer streaming a truth file too large to
/// hold does line by line.
public struct ScorecardBuilder: Sendable {
    private var card = Scorecard()
    private var reasonScores: [String: Scorecard.ReasonScore] = [:]
    private var faultScores: [String: Scorecard.FaultScore] = [:]

    public init() {}

    private mutating func reason(_ code: String, _ update: (inout Scorecard.ReasonScore) -> Void) {
        update(&reasonScores[code, default: Scorecard.ReasonScore(code: code)])
    }

    /// One truth message and the gateway's decision about it (`nil`: the gateway has none).
    public mutating func add(_ line: TruthLine, _ decision: ActualDecision?) {
        card.truthMessages += 1
        card.matrix[line.expected, default: [:]][decision?.verdict, default: 0] += 1
        let expected = Set(line.reasons)
        let given = Set(decision?.reasons ?? [])
        for code in expected {
            reason(code) { given.contains(code) ? ($0.truePositives += 1) : ($0.falseNegatives += 1) }
        }
        for code in given.subtracting(expected) { reason(code) { $0.falsePositives += 1 } }
        guard let decision else {
            card.missing += 1
            if line.isCompliant { card.compliantMessages += 1 }
            if let fault = line.fault, !line.isCompliant {
                faultScores[fault, default: Scorecard.FaultScore(fault: fault)].messages += 1
            }
            return
        }
        if decision.verdict == line.expected { card.agreements += 1 }
        if line.isCompliant {
            card.compliantMessages += 1
            // Not passing a compliant fix on is a block; a status message passed on is no block.
            let passed = decision.verdict == line.expected || (line.expected == .absorb && decision.verdict == .forward)
            if !passed { card.falseBlocks += 1 }
        }
        if let fault = line.fault, !line.isCompliant {
            faultScores[fault, default: Scorecard.FaultScore(fault: fault)].messages += 1
            if decision.verdict == line.expected, expected.isSubset(of: given) {
                faultScores[fault]!.detected += 1
            }
        }
    }

    /// A decision about a message that is not in the truth.
    public mutating func addUnexpected(_ decision: ActualDecision) {
        card.unexpected += 1
        for code in Set(decision.reasons) { reason(code) { $0.falsePositives += 1 } }
    }

    /// The scorecard so far.
    public var scorecard: Scorecard {
        var result = card
        result.reasons = reasonScores.values.sorted { $0.code < $1.code }
        result.faults = faultScores.values.sorted { $0.fault < $1.fault }
        return result
    }
}
