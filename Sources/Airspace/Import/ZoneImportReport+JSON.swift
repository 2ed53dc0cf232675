public import StrictJSON

extension ZoneImportReport {
    /// The report as `import-report.json` holds it (described in Docs/ADAPTERS.md).
    public var json: JSONValue {
        let counts: JSONObject = [
            "zones_in_file": .number(entries.count), "kept": .number(keptCount),
            "no_fly": .number(entries.count { $0.action == .noFly }),
            "no_capture": .number(entries.count { $0.action == .noCapture }),
            "skipped": .number(skippedCount), "repaired": .number(repairedCount),
            "renamed": .number(renamedCount),
            "flowgate_zones": .number(entries.reduce(0) { $0 + $1.zoneIDs.count }),
        ]
        return .object([
            "file": .string(file), "format": .string(format.rawValue), "strict": .bool(strict),
            "counts": .object(counts), "zones": .array(entries.map(\.json)),
        ])
    }
}

extension ZoneImportReport.Entry {
    var json: JSONValue {
        var object: JSONObject = [
            "identifier": .string(identifier), "name": .string(name), "position": .string(position),
            "restriction": .string(restriction), "reasons": .array(reasons.map { .string($0) }),
            "mapping": .string(action.rawValue), "rule": .string(rule),
            "zone_ids": .array(zoneIDs.map { .string($0) }),
        ]
        if let renamedTo { object["renamed_to"] = .string(renamedTo) }
        if !sameIdentifier.isEmpty { object["same_identifier_as"] = .array(sameIdentifier.map { .string($0) }) }
        if !repairs.isEmpty { object["repairs"] = .array(repairs.map(\.json)) }
        if !notes.isEmpty { object["notes"] = .array(notes.map { .string($0) }) }
        return .object(object)
    }
}

extension OutlineRepair {
    var json: JSONValue {
        var object: JSONObject = [
            "field": .string(field), "problems": .array(problems.map { .string($0) }),
            "replaced_by": .string(replacement), "area_m2_as_written": .number(areaAsWritten.rounded()),
            "area_m2_repaired": .number(areaRepaired.rounded()),
        ]
        if let percent = areaIncreasePercent {
            object["area_increase_percent"] = .number((percent * 10).rounded() / 10)
        }
        return .object(object)
    }
}
