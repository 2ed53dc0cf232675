import Airspace
import Foundation
import Yams

extension ConfigReader {
    /// The `zone_import` section: how the ED-269 / ED-318 files of the bundle map onto zone kinds (the standard
    /// mapping is in Docs/ADAPTERS.md), entry by entry:
    ///
    /// ```yaml
    /// zone_import:
    ///   restrictions: {REQ_AUTHORISATION: skip}   # no_fly, no_capture or skip
    ///   reasons: {NATURE: no_fly}
    /// ```
    static func zoneImport(_ fields: YAMLFields) -> ZoneImportOptions? {
        fields.rejectUnknownKeys(["restrictions", "reasons"])
        let restrictions = fields.mapping("restrictions").map { actions($0) } ?? [:]
        let reasons = fields.mapping("reasons").map { actions($0) } ?? [:]
        do {
            return ZoneImportOptions(
                mapping: try ZoneKindMapping.standard.overriding(restrictions: restrictions, reasons: reasons))
        } catch {
            let section = restrictions[error.name] != nil ? "restrictions" : "reasons"
            let entries = fields.mapping(section)
            entries?.report(error.name, entries?.node(error.name), "\(error)")
            return nil
        }
    }

    /// `NAME: action` entries; a value that is not an action is reported.
    private static func actions(_ fields: YAMLFields) -> [String: ImportedZoneAction] {
        var result: [String: ImportedZoneAction] = [:]
        for (key, _) in fields.mapping ?? [:] {
            guard let name = key.string, let text = fields.string(name) else { continue }
            guard let action = ImportedZoneAction(rawValue: text) else {
                fields.report(name, fields.node(name), "must be no_fly, no_capture or skip")
                continue
            }
            result[name] = action
        }
        return result
    }
}
