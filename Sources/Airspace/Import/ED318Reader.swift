import Foundation
import Geo
import StrictJSON

/// Reads EUROCAE ED-318 geographical zones: a GeoJSON FeatureCollection with `metadata`, each feature's
/// geometry a Polygon, a Point with `extent {subType: "Circle", radius}`, or a GeometryCollection of those,
/// every geometry with its own `layer`; the properties hold `identifier`, `type` (the restriction),
/// `reason[]`, `name[]` as `{text, lang}` and `limitedApplicability[]`.
enum ED318Reader {
    static let metadataTimes = ["validFrom", "validTo", "issued", "updated"]

    static func read(_ root: JSONValue, file: String, datum: VerticalDatum?, log: IssueLog) -> [ZoneDefinition] {
        guard let top = FieldReader.root(root, file: file, log: log, expected: "a GeoJSON FeatureCollection")
        else { return [] }
        if top.optionalString("type", required: true).map({ $0 != "FeatureCollection" }) == true {
            top.report("type", top.object["type"], "expected \"FeatureCollection\"")
        }
        if let metadata = top.object("metadata", required: false) {
            for key in metadataTimes where metadata.present(key, required: false) != nil {
                _ = metadata.time(key, required: false)
            }
        }
        guard let features = top.array("features") else { return [] }
        return features.enumerated().compactMap { index, value in
            let fallback = "features[\(index)]"
            guard let object = value.objectValue else {
                top.report(fallback, value, "expected a GeoJSON Feature object")
                return nil
            }
            let label = object["properties"]?["identifier"]?.stringValue.map { "zone '\($0)'" } ?? fallback
            return feature(
                FieldReader(object: object, file: file, item: label, path: "", log: log), position: fallback,
                datum: datum)
        }
    }

    /// - Parameter position: where the zone is in the file (`features[3]`).
    static func feature(_ reader: FieldReader, position: String, datum: VerticalDatum?) -> ZoneDefinition? {
        let mark = reader.log.issues.count
        if reader.optionalString("type", required: true).map({ $0 != "Feature" }) == true {
            reader.report("type", reader.object["type"], "expected \"Feature\"")
        }
        let properties = reader.object("properties")
        let identifier = properties?.optionalString("identifier", required: true)
        let name = properties.flatMap { texts($0, "name") }
        if let properties {
            _ = properties.choice("variant", required: false, of: ["COMMON", "CUSTOMIZED"])
            EDCommon.country(properties)
        }
        let restriction = properties?.choice("type", required: true, of: Restriction.ed318)
        let reasons = properties.map(EDCommon.reasons) ?? []
        let applicability = (properties?.optionalObjects("limitedApplicability") ?? []).compactMap(applicabilityEntry)
        let volumes = reader.object("geometry").map { Self.volumes($0, datum: datum) } ?? []
        guard reader.log.issues.count == mark, let identifier, let restriction else { return nil }
        return ZoneDefinition(
            identifier: identifier, label: reader.item ?? identifier, position: position, name: name ?? identifier,
            restriction: Restriction.canonical(restriction), reasons: reasons, volumes: volumes,
            applicability: applicability)
    }

    /// `[{text, lang}]`: every entry needs both; the English text (else the first) names the zone.
    static func texts(_ reader: FieldReader, _ key: String) -> String? {
        guard let entries = reader.optionalObjects(key) else { return nil }
        var chosen: String?
        for entry in entries {
            let text = entry.optionalString("text", required: true)
            let lang = entry.optionalString("lang", required: true)
            if let text, chosen == nil || lang?.hasPrefix("en") == true { chosen = text }
        }
        return chosen
    }

    static func applicabilityEntry(_ reader: FieldReader) -> ZoneDefinition.Applicability? {
        let mark = reader.log.issues.count
        let from = reader.optionalTime("startDateTime")
        let until = reader.optionalTime("endDateTime")
        let periods = (reader.optionalObjects("schedule") ?? []).compactMap { EDCommon.period($0, events: true) }
        guard reader.log.issues.count == mark else { return nil }
        guard from != nil || until != nil || !periods.isEmpty else {
            reader.report(reader.path, nil, "gives no start, end or schedule; leave the entry out for a permanent zone")
            return nil
        }
        return EDCommon.applicability(reader, from: from, until: until, periods: periods)
    }

    /// The feature's volumes: one geometry, or each geometry of a GeometryCollection.
    static func volumes(_ geometry: FieldReader, datum: VerticalDatum?) -> [ZoneDefinition.Volume] {
        guard geometry.optionalString("type", required: true) == "GeometryCollection" else {
            return volume(geometry, datum: datum).map { [$0] } ?? []
        }
        let parts = geometry.optionalObjects("geometries", required: true) ?? []
        if parts.isEmpty, geometry.present("geometries", required: false) != nil {
            geometry.report(geometry.path("geometries"), nil, "needs at least one geometry")
        }
        return parts.compactMap { part in
            if part.object["type"]?.stringValue == "GeometryCollection" {
                part.report(part.path("type"), .string("GeometryCollection"), "collections may not nest")
                return nil
            }
            return volume(part, datum: datum)
        }
    }

    static func volume(_ geometry: FieldReader, datum: VerticalDatum?) -> ZoneDefinition.Volume? {
        let mark = geometry.log.issues.count
        var outline: ZoneOutline?
        switch geometry.choice("type", required: true, of: ["Polygon", "MultiPolygon", "Point"]) {
        case "Point":
            if let extent = geometry.object("extent") {
                _ = extent.choice("subType", required: true, of: ["Circle"])
                outline = EDCommon.circle(
                    geometry, centerKey: "coordinates", radius: (extent, "radius")
                ).map(ZoneOutline.circle)
            }
        case .some:
            outline = geometry.polygonOutline()
        case nil:
            break
        }
        let layer = geometry.object("layer")
        var floor: AltitudeLimit?, ceiling: AltitudeLimit?
        if let layer {
            // The LayeredGeoJSON schema: "If this member is not specified, the units should be assumed to be metres."
            let unit: LengthUnit? =
                layer.present("uom", required: false) == nil
                ? .metres
                : layer.choice("uom", required: true, of: ["m", "ft", "M", "FT"]).map {
                    $0.lowercased() == "m" ? .metres : .feet
                }
            let references: Set<String> = ["AGL", "AMSL", "WGS84"]
            floor = EDCommon.limit(layer, "lower", "lowerReference", unit: unit, references: references)
            ceiling = EDCommon.limit(layer, "upper", "upperReference", unit: unit, references: references)
        }
        guard geometry.log.issues.count == mark, let outline else { return nil }
        return EDCommon.volume(geometry, outline: outline, floor: floor, ceiling: ceiling, datum: datum)
    }
}
