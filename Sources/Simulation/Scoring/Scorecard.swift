/// How a gateway's decisions compare with the ground truth: verdicts, reasons, faults and compliant traffic.
/// Pure: built from the two lists, matched by topic and payload digest (repeated messages in order).
public struct Scorecard: Sendable, Hashable {
    /// True and false positives and false negatives of one reason code over all messages.
    public struct ReasonScore: Sendable, Hashable {
        public var code: String
        public var truePositives = 0
        public var falsePositives = 0
        public var falseNegatives = 0

        /// TP / (TP + FP); `nil` when the gateway never gave the code.
        public var precision: Double? {
            truePositives + falsePositives == 0 ? nil : Double(truePositives) / Double(truePositives + falsePositives)
        }
        /// TP / (TP + FN); `nil` when the truth never has the code.
        public var recall: Double? {
            truePositives + falseNegatives == 0 ? nil : Double(truePositives) / Double(truePositives + falseNegatives)
        }
    }

    /// Of the messages a fault made non-compliant, how many the gateway decided right (the verdict, and every
    /// expected reason among its reasons).
    public struct FaultScore: Sendable, Hashable {
        public var fault: String
        public var messages = 0
        public var detected = 0

        public var recall: Double? { messages == 0 ? nil : Double(detected) / Double(messages) }
    }

    /// Counts by truth verdict, then by the gateway's verdict (`nil`: the message is missing on its side).
    public var matrix: [ExpectedVerdict: [ExpectedVerdict?: Int]] = [:]
    public var reasons: [ReasonScore] = []
    public var faults: [FaultScore] = []
    public var truthMessages = 0
    public var agreements = 0
    /// Truth messages with no decision from the gateway.
    public var missing = 0
    /// Gateway decisions about messages not in the truth.
    public var unexpected = 0
    /// Messages that are compliant: forwarded untouched, or absorbed (forward or absorb, no reasons).
    public var compliantMessages = 0
    /// Of those, how many the gateway blocked or redacted.
    public var falseBlocks = 0

    /// Scores `actual` against `truth`.
    public static func score(truth: [TruthLine], actual: [ActualDecision]) -> Scorecard {
        var queues: [String: [Int]] = [:]
        for (index, decision) in actual.enumerated() {
            queues[decision.key, default: []].append(index)
        }
        var heads: [String: Int] = [:]
        var used = Array(repeating: false, count: actual.count)
        var builder = ScorecardBuilder()
        for line in truth {
            let key = line.key
            let position = heads[key, default: 0]
            var decision: ActualDecision?
            if let queue = queues[key], position < queue.count {
                decision = actual[queue[position]]
                used[queue[position]] = true
                heads[key] = position + 1
            }
            builder.add(line, decision)
        }
        for (index, decision) in actual.enumerated() where !used[index] { builder.addUnexpected(decision) }
        return builder.scorecard
    }
}

/// Limits a scorecard must meet; each is checked only when given.
public struct ScoreThresholds: Sendable, Hashable {
    /// Every reason's recall (where the truth has the reason) must reach this.
    public var minimumRecall: Double?
    /// Every reason's precision (where the gateway gave the reason) must reach this.
    public var minimumPrecision: Double?
    /// Every fault's recall must reach this.
    public var minimumFaultRecall: Double?
    public var maximumFalseBlocks: Int?
    public var maximumMissing: Int?

    public init(
        minimumRecall: Double? = nil, minimumPrecision: Double? = nil, minimumFaultRecall: Double? = nil,
        maximumFalseBlocks: Int? = nil, maximumMissing: Int? = nil
    ) {
        self.minimumRecall = minimumRecall
        self.minimumPrecision = minimumPrecision
        self.minimumFaultRecall = minimumFaultRecall
        self.maximumFalseBlocks = maximumFalseBlocks
        self.maximumMissing = maximumMissing
    }
}

extension Scorecard {
    /// Every threshold not met, in words; empty when the scorecard passes.
    public func failures(_ thresholds: ScoreThresholds) -> [String] {
        var failures: [String] = []
        for score in reasons {
            if let minimum = thresholds.minimumRecall, let recall = score.recall, recall < minimum {
                failures.append(
                    "recall of \(score.code) is \(Scorecard.percent(recall)), below \(Scorecard.percent(minimum))")
            }
            if let minimum = thresholds.minimumPrecision, let precision = score.precision, precision < minimum {
                failures.append(
                    "precision of \(score.code) is \(Scorecard.percent(precision)), below \(Scorecard.percent(minimum))"
                )
            }
        }
        for score in faults {
            if let minimum = thresholds.minimumFaultRecall, let recall = score.recall, recall < minimum {
                failures.append(
                    "recall of fault \(score.fault) is \(Scorecard.percent(recall)), below \(Scorecard.percent(minimum))"
                )
            }
        }
        if let maximum = thresholds.maximumFalseBlocks, falseBlocks > maximum {
            failures.append("\(falseBlocks) false blocks of compliant traffic, more than \(maximum)")
        }
        if let maximum = thresholds.maximumMissing, missing > maximum {
            failures.append("\(missing) messages missing from the gateway's decisions, more than \(maximum)")
        }
        return failures
    }

    static func percent(_ value: Double) -> String {
        let tenths = Int((value * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10) %"
    }
}

extension TruthLine {
    /// Whether the message is compliant traffic: forwarded untouched, or absorbed (a status message).
    var isCompliant: Bool { (expected == .forward || expected == .absorb) && reasons.isEmpty }
}
