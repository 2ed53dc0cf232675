import Airspace
import Foundation
import StrictJSON

/// A small, valid bundle near Pariser Platz in Berlin, as JSON, that tests change one field at a time.
///
/// - `OA-1`: operation area, a square of about 1.1 km x 1.1 km centred on (52.5163, 13.3777), floor 30 m AGL,
///   ceiling 120 m AGL, margin 25 m, mission M-1.
/// - `NF-1`: no-fly circle of 150 m around (52.5190, 13.3777), 0-300 m AGL, margin 50 m.
/// - `NC-1`: no-capture square of about 220 m around (52.5140, 13.3740) with a hole of about 110 m.
/// - `AUTH-1`: mission M-1, drones D1 and D2, 2026-11-28 08:00Z to 20:00Z.
struct BundleFixture {
    var site: JSONObject = [
        "name": "Test site", "ground_elevation_m_amsl": .number(34), "geoid_undulation_m": .number(39.6),
    ]
    var features: [JSONObject] = [
        BundleFixture.feature(
            id: "OA-1", kind: "operation_area",
            geometry: BundleFixture.square(lat: 52.5163, lon: 13.3777, halfSide: 0.005),
            extra: [
                "missions": .array([.string("M-1")]), "margin_m": .number(25),
                "band": BundleFixture.band(floor: (30, "AGL"), ceiling: (120, "AGL")),
            ]),
        BundleFixture.feature(
            id: "NF-1", kind: "no_fly",
            geometry: ["type": "Point", "coordinates": .array([.number(13.3777), .number(52.5190)])],
            extra: [
                "radius_m": .number(150), "margin_m": .number(50),
                "band": BundleFixture.band(floor: (0, "AGL"), ceiling: (300, "AGL")),
            ]),
        BundleFixture.feature(
            id: "NC-1", kind: "no_capture",
            geometry: [
                "type": "Polygon",
                "coordinates": .array([
                    BundleFixture.ring(lat: 52.5140, lon: 13.3740, halfSide: 0.001),
                    BundleFixture.ring(lat: 52.5140, lon: 13.3740, halfSide: 0.0005),
                ]),
            ],
            extra: ["margin_m": .number(20)]),
    ]
    var authorisations: [JSONObject] = [
        [
            "id": "AUTH-1", "mission": "M-1", "purpose": "crowd_flow",
            "drones": .array([.string("D1"), .string("D2")]),
            "operation_areas": .array([.string("OA-1")]), "valid_from": "2026-11-28T08:00:00Z",
            "valid_until": "2026-11-28T20:00:00Z", "authority": "Test authority",
            "legal_reference": "Test law s. 1", "justification": "Crowd density monitoring of a registered assembly.",
        ]
    ]

    static func feature(id: String, kind: String, geometry: JSONObject, extra: JSONObject = [:]) -> JSONObject {
        var properties: JSONObject = ["id": .string(id), "name": .string("Zone \(id)"), "kind": .string(kind)]
        for member in extra.members { properties[member.key] = member.value }
        return ["type": "Feature", "geometry": .object(geometry), "properties": .object(properties)]
    }

    static func band(floor: (Double, String)?, ceiling: (Double, String)?) -> JSONValue {
        var band = JSONObject()
        if let floor { band["floor"] = .object(["value": .number(floor.0), "ref": .string(floor.1)]) }
        if let ceiling { band["ceiling"] = .object(["value": .number(ceiling.0), "ref": .string(ceiling.1)]) }
        return .object(band)
    }

    /// A closed square ring, counter-clockwise, `halfSide` degrees of latitude and longitude from the centre.
    static func ring(lat: Double, lon: Double, halfSide: Double) -> JSONValue {
        let corners = [(-1.0, -1.0), (1, -1), (1, 1), (-1, 1), (-1, -1)]
        return .array(corners.map { .array([.number(lon + $0.0 * halfSide), .number(lat + $0.1 * halfSide)]) })
    }

    static func square(lat: Double, lon: Double, halfSide: Double) -> JSONObject {
        ["type": "Polygon", "coordinates": .array([ring(lat: lat, lon: lon, halfSide: halfSide)])]
    }

    /// Changes one feature's properties (or geometry) by id.
    mutating func editFeature(_ id: String, _ edit: (inout JSONObject) -> Void) {
        let index = features.firstIndex { $0["properties"]?["id"]?.stringValue == id }!
        edit(&features[index])
    }

    mutating func editProperties(_ id: String, _ edit: (inout JSONObject) -> Void) {
        editFeature(id) { feature in
            var properties = feature["properties"]!.objectValue!
            edit(&properties)
            feature["properties"] = .object(properties)
        }
    }

    var siteData: Data { Data(JSONWriter.write(.object(site)).utf8) }
    var zonesData: Data {
        Data(
            JSONWriter.write(
                .object(["type": "FeatureCollection", "features": .array(features.map(JSONValue.object))])
            ).utf8)
    }
    var authorisationsData: Data {
        Data(JSONWriter.write(.object(["authorisations": .array(authorisations.map(JSONValue.object))])).utf8)
    }

    func load() throws(BundleError) -> SiteBundle {
        try BundleLoader.load(
            site: .success(siteData), zones: .success(zonesData), authorisations: .success(authorisationsData))
    }

    /// The issues loading reports; fails the calling test when the bundle loads.
    func issues() -> [BundleIssue] {
        do {
            _ = try load()
            return []
        } catch {
            return error.issues
        }
    }

    /// Writes the three files into a new temporary folder, for tests of the folder loader and the CLI.
    func write() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "flowgate-bundle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try siteData.write(to: folder.appendingPathComponent(BundleLoader.siteFile))
        try zonesData.write(to: folder.appendingPathComponent(BundleLoader.zonesFile))
        try authorisationsData.write(to: folder.appendingPathComponent(BundleLoader.authorisationsFile))
        return folder
    }
}
