/// What the payload rules say about one message, for every combination of modes: the lead's gateway asks
/// ``verdict(observing:)`` and ``forwarded(observing:)`` with the rule families that are in observe mode.
///
/// Every finding is computed even when an earlier one already blocks, so that observe mode knows what each
/// family would have done. Rejections, identification findings and `product_not_allowed` block in every mode.
public struct PayloadJudgement: Sendable {
    /// The decoded envelope; `nil` when the message was rejected before it could be attributed.
    public var envelope: PayloadEnvelope?
    /// Why the message could not be decoded, if it could not.
    public var rejection: Rejection?
    /// The reasons, purpose first, then aggregation, then optics.
    public var findings: [PayloadFinding]
    /// The cells whose counts are suppressed when aggregation is enforced (row-major indices).
    public var suppressed: [Int]
    /// The ground pixel density at the view's near edge, px/m, when the optics were checked and bounded.
    public var pixelDensity: Double?
    /// The decoded product, ready to be normalised; `nil` when nothing can be forwarded in any mode.
    var content: (sensor: SensorGeometry?, data: ProductData)?

    /// The message carried an identification product, sensor or field: the gateway suspends its stream.
    public var identification: Bool { findings.contains { $0.isIdentification } }

    /// How many cells are suppressed under enforcement.
    public var suppressedCells: Int { suppressed.count }

    /// The codes of the findings, in order.
    public var codes: [PayloadCode] { findings.map(\.code) }

    /// The verdict with every family enforced.
    public var verdict: PayloadVerdict { verdict(observing: []) }

    /// What is published with every family enforced; `nil` when blocked.
    public var forwarded: PayloadForward? { forwarded(observing: []) }

    /// Whether a finding acts when `observing` families are in observe mode.
    func enforces(_ finding: PayloadFinding, observing: Set<RuleFamily>) -> Bool {
        !finding.code.isObservable || !observing.contains(finding.family)
    }

    /// The verdict when the given families are only observed.
    public func verdict(observing: Set<RuleFamily>) -> PayloadVerdict {
        guard rejection == nil, content != nil else { return .block }
        var redact = false
        for finding in findings where enforces(finding, observing: observing) {
            if finding.effect == .block { return .block }
            redact = true
        }
        return redact ? .redact : .forward
    }

    /// The findings that would have acted but are only observed: the gateway's `would_block` events.
    public func observed(_ observing: Set<RuleFamily>) -> [PayloadFinding] {
        findings.filter { !enforces($0, observing: observing) }
    }

    /// What is published when the given families are only observed: the normalised message, redacted when
    /// aggregation is enforced; `nil` when the verdict is `block`.
    public func forwarded(observing: Set<RuleFamily>) -> PayloadForward? {
        let verdict = verdict(observing: observing)
        guard verdict != .block, let envelope, let content else { return nil }
        return PayloadNormaliser.forward(
            envelope, sensor: content.sensor, data: content.data, suppressed: verdict == .redact ? suppressed : [])
    }
}
