/// What an imported zone becomes.
public enum ImportedZoneAction: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Not imported (reported as skipped).
    case skip
    case noCapture = "no_capture"
    case noFly = "no_fly"

    public static func < (lhs: ImportedZoneAction, rhs: ImportedZoneAction) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// How ED-269 / ED-318 restrictions and reasons map onto flowgate's zone kinds.
///
/// The rule, in order: a `PROHIBITED` zone takes the `PROHIBITED` restriction's action; otherwise, when any
/// of the zone's reasons has an action, the most restrictive of those (no_fly over no_capture over skip);
/// otherwise its restriction's action. Defaults: PROHIBITED, REQ_AUTHORISATION and CONDITIONAL → no_fly
/// (flowgate cannot know whether the authority's permission or condition is met: fail closed);
/// NO_RESTRICTION and USPACE → skip; reason PRIVACY → no_capture. ED-318's `REQ_AUTHORIZATION` is the same
/// restriction as ED-269's `REQ_AUTHORISATION`, under either spelling.
public struct ZoneKindMapping: Sendable, Hashable {
    public private(set) var restrictions: [String: ImportedZoneAction]
    public private(set) var reasons: [String: ImportedZoneAction]

    public static let standard = ZoneKindMapping(
        restrictions: [
            "PROHIBITED": .noFly, "REQ_AUTHORISATION": .noFly, "CONDITIONAL": .noFly, "NO_RESTRICTION": .skip,
            "USPACE": .skip,
        ],
        reasons: ["PRIVACY": .noCapture])

    init(restrictions: [String: ImportedZoneAction], reasons: [String: ImportedZoneAction]) {
        self.restrictions = restrictions
        self.reasons = reasons
    }

    /// The standard mapping with some entries replaced (from the configuration).
    /// - Throws: ``MappingError`` for a restriction or reason neither format defines.
    public func overriding(
        restrictions: [String: ImportedZoneAction] = [:], reasons: [String: ImportedZoneAction] = [:]
    )
        throws(MappingError) -> ZoneKindMapping
    {
        var result = self
        for (restriction, action) in restrictions {
            let canonical = Restriction.canonical(restriction)
            guard Restriction.ed269.union(Restriction.ed318).contains(restriction) else {
                throw MappingError(name: restriction, known: Restriction.ed269.union(Restriction.ed318).sorted())
            }
            result.restrictions[canonical] = action
        }
        for (reason, action) in reasons {
            guard Restriction.reasons.contains(reason) else {
                throw MappingError(name: reason, known: Restriction.reasons.sorted())
            }
            result.reasons[reason] = action
        }
        return result
    }

    /// - Parameter restriction: in its canonical spelling.
    public func action(restriction: String, reasons zoneReasons: [String]) -> ImportedZoneAction {
        decision(restriction: restriction, reasons: zoneReasons).action
    }

    /// The action and the rule that chose it (`reason PRIVACY -> no_capture`), for the import report.
    public func decision(restriction: String, reasons zoneReasons: [String]) -> (
        action: ImportedZoneAction, rule: String
    ) {
        let canonical = Restriction.canonical(restriction)
        let byRestriction = restrictions[canonical] ?? .noFly
        let restrictionRule = "restriction \(canonical) -> \(byRestriction.rawValue)"
        if canonical == "PROHIBITED" { return (byRestriction, restrictionRule) }
        let byReason = zoneReasons.compactMap { reason in reasons[reason].map { (reason, $0) } }.max { $0.1 < $1.1 }
        guard let byReason else { return (byRestriction, restrictionRule) }
        return (byReason.1, "reason \(byReason.0) -> \(byReason.1.rawValue) (over \(restrictionRule))")
    }

    public struct MappingError: Error, Sendable, Hashable, CustomStringConvertible {
        public var name: String
        public var known: [String]
        public var description: String {
            "'\(name)' is not a restriction or reason (known: \(known.joined(separator: ", ")))"
        }
    }
}
