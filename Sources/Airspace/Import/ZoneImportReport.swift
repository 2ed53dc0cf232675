/// What an import did with every zone of its file: kept as which kind and under which ids, renamed, repaired,
/// or skipped and why. Nothing is left out: a zone missing from the bundle is in the report with the reason.
public struct ZoneImportReport: Sendable, Hashable {
    public var file: String
    public var format: ZoneSourceFormat
    /// Whether invalid outlines were refused instead of repaired.
    public var strict: Bool
    /// One entry per zone of the file, in file order.
    public var entries: [Entry]

    public struct Entry: Sendable, Hashable {
        /// The identifier as written.
        public var identifier: String
        public var name: String
        /// Where the zone is in the file (`features[12]`, `UASZoneList[0]`).
        public var position: String
        /// In the canonical spelling (`REQ_AUTHORISATION`).
        public var restriction: String
        public var reasons: [String]
        public var action: ImportedZoneAction
        /// The mapping rule that chose the action (`restriction PROHIBITED -> no_fly`).
        public var rule: String
        /// The flowgate zones made from it (none when skipped).
        public var zoneIDs: [String]
        /// The identifier the zones were named after instead, when an earlier kept zone has the same one.
        public var renamedTo: String?
        /// The other zones of the file with the same identifier (their positions).
        public var sameIdentifier: [String]
        public var repairs: [OutlineRepair]
        /// Conversions worth knowing (schedule times moved to UTC).
        public var notes: [String]

        public var isKept: Bool { action != .skip }
    }

    public var keptCount: Int { entries.count { $0.isKept } }
    public var skippedCount: Int { entries.count { !$0.isKept } }
    public var repairedCount: Int { entries.count { !$0.repairs.isEmpty } }
    public var renamedCount: Int { entries.count { $0.renamedTo != nil } }

    /// One line for a person: `1203 zones in national.ed318.json: 1150 kept (1100 no_fly, 50 no_capture), ...`.
    public var summary: String {
        let kinds = [ImportedZoneAction.noFly, .noCapture].map { action in
            "\(entries.count { $0.action == action }) \(action.rawValue)"
        }
        return "\(entries.count) zones in \(file): \(keptCount) kept (\(kinds.joined(separator: ", "))), "
            + "\(skippedCount) skipped, \(repairedCount) repaired, \(renamedCount) renamed"
    }

    /// A line for each zone a person should look at: repaired, renamed, or skipped.
    public var attentionLines: [String] {
        entries.flatMap { entry -> [String] in
            var lines: [String] = []
            let zone = "\(entry.identifier) (\(entry.position))"
            if entry.action == .skip {
                let reasons = entry.reasons.isEmpty ? "" : ", reasons \(entry.reasons.joined(separator: ", "))"
                lines.append("skipped \(zone): \(entry.restriction)\(reasons): \(entry.rule)")
            }
            if let renamed = entry.renamedTo {
                lines.append(
                    "renamed \(zone) to \(renamed): identifier also used by \(entry.sameIdentifier.joined(separator: ", "))"
                )
            }
            lines += entry.repairs.map { "repaired \(zone): \($0)" }
            return lines
        }
    }
}
