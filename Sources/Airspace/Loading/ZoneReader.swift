import Geo
import StrictJSON

/// Reads the zones of a bundle from a GeoJSON FeatureCollection.
enum ZoneReader {
    static let propertyKeys: Set<String> = [
        "id", "name", "kind", "missions", "band", "window", "schedule", "margin_m", "radius_m", "description",
    ]

    /// - Parameter datum: the site's, to compare floors and ceilings in different references; `nil` when the
    ///   site file itself is broken (then only same-reference bands can be checked).
    static func read(_ root: JSONValue, file: String, datum: VerticalDatum?, log: IssueLog) -> [Zone] {
        guard let top = FieldReader.root(root, file: file, log: log, expected: "a GeoJSON FeatureCollection object")
        else { return [] }
        if let type = top.string("type"), type != "FeatureCollection" {
            top.report("type", .string(type), "expected \"FeatureCollection\"")
        }
        guard let features = top.array("features") else { return [] }
        var zones: [Zone] = []
        for (index, feature) in features.enumerated() {
            if let zone = readFeature(feature, index: index, file: file, datum: datum, log: log) { zones.append(zone) }
        }
        return zones
    }

    private static func readFeature(_ value: JSONValue, index: Int, file: String, datum: VerticalDatum?, log: IssueLog)
        -> Zone?
    {
        let fallbackLabel = "features[\(index)]"
        guard let feature = value.objectValue else {
            log.add(
                BundleIssue(
                    file: file, item: fallbackLabel, field: "(feature)", value: FieldReader.summary(value),
                    problem: "expected a GeoJSON Feature object"))
            return nil
        }
        let id = feature["properties"]?["id"]?.stringValue
        let label = id.map { "zone '\($0)'" } ?? fallbackLabel
        let reader = FieldReader(object: feature, file: file, item: label, path: "", log: log)
        reader.rejectUnknownKeys(allowed: ["type", "id", "geometry", "properties"])
        if let type = reader.string("type"), type != "Feature" {
            reader.report("type", .string(type), "expected \"Feature\"")
        }
        if let featureID = feature["id"], let id, featureID != .string(id) {
            reader.report("id", featureID, "feature id differs from properties.id '\(id)'")
        }
        guard let properties = reader.object("properties") else { return nil }
        properties.rejectUnknownKeys(allowed: propertyKeys)
        let zoneID = properties.string("id")
        let name = properties.string("name")
        var kind: ZoneKind?
        if let text = properties.string("kind") {
            kind = ZoneKind(rawValue: text)
            if kind == nil {
                properties.report(
                    "properties.kind", .string(text), "unknown kind (use operation_area, no_fly or no_capture)")
            }
        }
        var missions: [String] = []
        if kind == .operationArea {
            missions = properties.stringList("missions") ?? []
        } else if kind != nil, properties.object["missions"] != nil {
            properties.report(
                "properties.missions", properties.object["missions"], "only operation areas name missions")
        }
        let band = properties.band("band", datum: datum)
        let activity = properties.activity()
        _ = properties.string("description", required: false)
        // An invalid margin is reported in the log, which fails the bundle; 0 only stands in meanwhile.
        let margin = properties.number("margin_m", required: false, in: 0...10_000) ?? 0
        let radiusPresent = properties.object["radius_m"] != nil
        let radius = properties.number("radius_m", required: false)
        let shape = reader.object("geometry").flatMap {
            $0.shape(radius: (radius, "properties.radius_m", radiusPresent))
        }
        guard let zoneID, let name, let kind, let band, let activity, let shape,
            kind != .operationArea || !missions.isEmpty
        else { return nil }
        return Zone(
            id: zoneID, name: name, kind: kind, shape: shape, band: band, activity: activity, marginMetres: margin,
            missions: missions)
    }
}
