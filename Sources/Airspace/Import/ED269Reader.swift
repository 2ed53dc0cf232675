import Foundation
import Geo
import StrictJSON

/// Reads EUROCAE ED-269 geographical zones: `{title, description, features[]}` or
/// `{formatVersion, createdAt, UASZoneList[]}`, each zone with `identifier`, `restriction`, `reason[]`,
/// `applicability[]` and `geometry[]` (volumes with `horizontalProjection` Circle or Polygon).
enum ED269Reader {
    static func read(_ root: JSONValue, file: String, datum: VerticalDatum?, log: IssueLog) -> [ZoneDefinition] {
        guard let top = FieldReader.root(root, file: file, log: log, expected: "an ED-269 object") else { return [] }
        let wrappers = ["features", "UASZoneList"].filter { top.object[$0] != nil }
        guard wrappers.count == 1 else {
            top.report(
                "(root)", nil,
                wrappers.isEmpty
                    ? "an ED-269 file lists its zones in 'features' or 'UASZoneList'"
                    : "has both 'features' and 'UASZoneList'; give one")
            return []
        }
        guard let zones = top.array(wrappers[0]) else { return [] }
        return zones.enumerated().compactMap { index, value in
            let fallback = "\(wrappers[0])[\(index)]"
            guard let object = value.objectValue else {
                top.report(fallback, value, "expected a zone object")
                return nil
            }
            let label = object["identifier"]?.stringValue.map { "zone '\($0)'" } ?? fallback
            return zone(
                FieldReader(object: object, file: file, item: label, path: "", log: log), position: fallback,
                datum: datum)
        }
    }

    /// - Parameter position: where the zone is in the file (`features[3]`).
    static func zone(_ reader: FieldReader, position: String, datum: VerticalDatum?) -> ZoneDefinition? {
        let mark = reader.log.issues.count
        let identifier = reader.optionalString("identifier", required: true)
        _ = reader.choice("type", required: false, of: ["COMMON", "CUSTOMIZED"])
        EDCommon.country(reader)
        let restriction = reader.choice("restriction", required: true, of: Restriction.ed269)
        let reasons = EDCommon.reasons(reader)
        let applicability = (reader.optionalObjects("applicability") ?? []).compactMap(applicabilityEntry)
        let geometry = reader.optionalObjects("geometry", required: true) ?? []
        if reader.present("geometry", required: false) != nil, geometry.isEmpty {
            reader.report("geometry", reader.object["geometry"], "needs at least one volume")
        }
        let volumes = geometry.compactMap { volume($0, datum: datum) }
        guard reader.log.issues.count == mark, let identifier, let restriction else { return nil }
        return ZoneDefinition(
            identifier: identifier, label: reader.item ?? identifier, position: position,
            name: reader.optionalString("name") ?? identifier,
            restriction: restriction, reasons: reasons, volumes: volumes,
            applicability: applicability.compactMap { $0 })
    }

    /// One applicability entry: `.some(nil)` for a permanent one, `nil` (reported) when it is invalid.
    static func applicabilityEntry(_ reader: FieldReader) -> ZoneDefinition.Applicability?? {
        let mark = reader.log.issues.count
        let permanent = reader.choice("permanent", required: false, of: ["YES", "NO"])
        let from = reader.optionalTime("startDateTime")
        let until = reader.optionalTime("endDateTime")
        let periodKeys = ["schedule", "dailyPeriod"].filter { reader.present($0, required: false) != nil }
        if periodKeys.count > 1 {
            reader.report(reader.path("dailyPeriod"), nil, "give 'schedule' or 'dailyPeriod', not both")
        }
        var periods: [ZoneDefinition.Period] = []
        for period in periodKeys.first.flatMap({ reader.optionalObjects($0) }) ?? [] {
            // Exporters write an empty placeholder (no day, null times) for "no schedule".
            let placeholder =
                period.object["day"]?.arrayValue?.isEmpty == true && period.present("startTime", required: false) == nil
                && period.present("endTime", required: false) == nil
            if !placeholder, let parsed = EDCommon.period(period, events: false) { periods.append(parsed) }
        }
        guard reader.log.issues.count == mark else { return nil }
        if permanent == "YES" {
            guard from == nil, until == nil, periods.isEmpty else {
                reader.report(
                    reader.path("permanent"), .string("YES"), "a permanent zone cannot also have dates or a schedule")
                return nil
            }
            return .some(nil)
        }
        guard from != nil || until != nil || !periods.isEmpty else {
            reader.report(reader.path, nil, "a zone that is not permanent needs start/end dates or a schedule")
            return nil
        }
        return EDCommon.applicability(reader, from: from, until: until, periods: periods)
    }

    static func volume(_ reader: FieldReader, datum: VerticalDatum?) -> ZoneDefinition.Volume? {
        let mark = reader.log.issues.count
        let unit = reader.choice("uomDimensions", required: true, of: ["M", "FT"]).map {
            $0 == "M" ? LengthUnit.metres : .feet
        }
        let references: Set<String> = ["AGL", "AMSL"]
        let floor = EDCommon.limit(reader, "lowerLimit", "lowerVerticalReference", unit: unit, references: references)
        let ceiling = EDCommon.limit(reader, "upperLimit", "upperVerticalReference", unit: unit, references: references)
        var outline: ZoneOutline?
        if let projection = reader.object("horizontalProjection") {
            switch projection.choice("type", required: true, of: ["Circle", "Polygon"]) {
            case "Circle":
                outline = EDCommon.circle(projection, centerKey: "center", radius: (projection, "radius")).map(
                    ZoneOutline.circle)
            case "Polygon": outline = projection.polygonOutline()
            default: break
            }
        }
        guard reader.log.issues.count == mark, let outline else { return nil }
        return EDCommon.volume(
            reader, outline: outline, floor: floor, ceiling: ceiling, datum: datum,
            path: reader.path("horizontalProjection"))
    }
}
