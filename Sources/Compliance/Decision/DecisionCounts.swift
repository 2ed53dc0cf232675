/// Messages by verdict and by reason, counted from the decisions: each reason once per decision. What the
/// demo's live view, the replay's summary and the gateway's periodic log show; the gateway's Prometheus
/// metrics are counted from the same decisions.
public struct DecisionCounts: Sendable, Hashable, CustomStringConvertible {
    /// A reason as counted: a finding's code, or why a message was rejected.
    public enum Reason: Sendable, Hashable, Comparable {
        case finding(FindingCode)
        case rejection(RejectionCode)

        public var rawValue: String {
            switch self {
            case .finding(let code): code.rawValue
            case .rejection(let code): code.rawValue
            }
        }

        public static func < (a: Reason, b: Reason) -> Bool { a.rawValue < b.rawValue }
    }

    public private(set) var verdicts: [Decision.Verdict: Int] = [:]
    public private(set) var reasons: [Reason: Int] = [:]

    public init() {}

    public mutating func count(_ decision: Decision) {
        verdicts[decision.verdict, default: 0] += 1
        var seen = Set(decision.findings.map { Reason.finding($0.code) })
        if let rejection = decision.rejection { seen.insert(.rejection(rejection.code)) }
        for reason in seen { reasons[reason, default: 0] += 1 }
    }

    /// Messages decided with this verdict.
    public subscript(verdict: Decision.Verdict) -> Int { verdicts[verdict] ?? 0 }

    /// Decisions made, whatever the verdict.
    public var decided: Int { verdicts.values.reduce(0, +) }

    /// Reasons by count, most frequent first (then by code).
    public var reasonsByCount: [(reason: Reason, count: Int)] {
        reasons.map { (reason: $0.key, count: $0.value) }.sorted {
            $0.count != $1.count ? $0.count > $1.count : $0.reason < $1.reason
        }
    }

    /// `verdict.forward=12 ... reason.in_no_fly=3 ...`, in a fixed order, for logs.
    public var description: String {
        let verdictText = Decision.Verdict.allCases.filter { self[$0] > 0 }.map { "verdict.\($0.rawValue)=\(self[$0])" }
        let reasonText = reasons.keys.sorted().map { "reason.\($0.rawValue)=\(reasons[$0]!)" }
        return (verdictText + reasonText).joined(separator: " ")
    }
}
