public import Airspace
import AirspaceFixtures
public import Compliance
public import Crypto
import Foundation
import Geo
public import Pipeline
import StrictJSON

/// The gateway's setting for the engine and router targets: a small synthetic airspace around Pariser Platz
/// (``SyntheticSite``), authorised for the drones and missions of the repository's sample messages, every
/// adapter configured on the topics the samples use, and one operator whose release orders the harness can sign.
public enum FuzzSite {
    /// The drone ids of the samples (native, DJI aircraft, MAVLink prefix, Remote ID, KLV) and the synthetic one.
    public static let drones = [
        SyntheticSite.drone, "D1", "D2", "D3", "D7", "1581F5BKD225D00A", "drone7", "D5", "RID1", "RID-4", "K1",
        "a3423b-213401-0023",
    ]
    public static let missions = [SyntheticSite.mission, "M-0412", "M-1"]
    public static let dock = "7CTDM4100B8S1Q"

    /// The operator whose orders are signed by the harness (see ``signingKey``).
    public static let operatorName = "fuzz-operator"
    /// A fixed key, so that an input reproduces: a release order whose signature is 64 zero bytes is signed
    /// with it before it is routed, so that the fuzzer reaches what a valid order does.
    public static let signingKey = try! Curve25519.Signing.PrivateKey(
        rawRepresentation: [UInt8](repeating: 7, count: 32))

    public static let airspace = AirspaceIndex(bundle: bundle())

    public static var policy: CompliancePolicy {
        var policy = CompliancePolicy()
        policy.operatorKeys = [operatorName: signingKey.publicKey.rawRepresentation]
        return policy
    }

    public static var adapters: AdapterSettings {
        var settings = AdapterSettings()
        settings.missions = Dictionary(uniqueKeysWithValues: drones.map { ($0, "M-0412") })
        settings.djiCloudAPI = .init(gateways: [dock: "1581F5BKD225D00A"])
        settings.mavlinkJSON = .init(prefix: try! TopicPattern("mavlink/{drone}"))
        settings.remoteID = .init(topic: try! TopicPattern("rid/{drone}/state"), flightsTopic: "rid/flights")
        settings.misbKLV = .init(topic: try! TopicPattern("klv/{drone}/{stream}"), imageWidth: 1920)
        return settings
    }

    /// 40 zones in a 4 km square, the operation areas (and one over the whole square, so that the samples' fixes
    /// at Pariser Platz fall in one) open to every mission above, and one authorisation per mission naming every
    /// drone: loaded through ``BundleLoader`` as a real bundle is.
    static func bundle() -> SiteBundle {
        let site = SyntheticSite(zoneCount: 40, sideMetres: 4_000, seed: 7)
        let (siteFile, zonesFile, authorisationsFile) = site.files()
        var zones = try! JSONParser.parse(zonesFile)
        var features = zones["features"]?.arrayValue ?? []
        for index in features.indices {
            guard case .object(var feature) = features[index], var properties = feature["properties"]?.objectValue,
                properties["kind"]?.stringValue == ZoneKind.operationArea.rawValue
            else { continue }
            properties["missions"] = .array(missions.map(JSONValue.string))
            feature["properties"] = .object(properties)
            features[index] = .object(feature)
        }
        features.append(wholeSquare(around: site.center))
        if case .object(var collection) = zones {
            collection["features"] = .array(features)
            zones = .object(collection)
        }
        let template =
            try! JSONParser.parse(authorisationsFile)["authorisations"]?.arrayValue?.first?.objectValue ?? [:]
        let authorisations = missions.map { mission -> JSONValue in
            var authorisation = template
            authorisation["id"] = .string("AUTH-\(mission)")
            authorisation["mission"] = .string(mission)
            authorisation["drones"] = .array(drones.map(JSONValue.string))
            authorisation["operation_areas"] = .array(
                (template["operation_areas"]?.arrayValue ?? []) + [.string(wholeSquareID)])
            return .object(authorisation)
        }
        return try! BundleLoader.load(
            site: .success(Data(siteFile.utf8)), zones: .success(Data(JSONWriter.bytes(zones))),
            authorisations: .success(Data(JSONWriter.bytes(.object(["authorisations": .array(authorisations)])))))
    }

    static let wholeSquareID = "FUZZ-AREA"

    /// An operation area over the whole 4 km square, 0-500 m AGL.
    static func wholeSquare(around centre: GeoPoint) -> JSONValue {
        let (north, east) = (2_000 / 111_200.0, 2_000 / (111_200.0 * cos(centre.latitude * .pi / 180)))
        let ring = [(-1.0, -1.0), (1, -1), (1, 1), (-1, 1), (-1, -1)].map { corner -> JSONValue in
            .array([.number(centre.longitude + corner.0 * east), .number(centre.latitude + corner.1 * north)])
        }
        let limit = { (value: Int) -> JSONValue in .object(["value": .number(value), "ref": "AGL"]) }
        return .object([
            "type": "Feature",
            "geometry": .object(["type": "Polygon", "coordinates": .array([.array(ring)])]),
            "properties": .object([
                "id": .string(wholeSquareID), "name": "The whole square",
                "kind": .string(ZoneKind.operationArea.rawValue),
                "missions": .array(missions.map(JSONValue.string)),
                "band": .object(["floor": limit(0), "ceiling": limit(500)]),
            ]),
        ])
    }
}

extension FuzzSite {
    /// The order signed with ``signingKey`` when its signature is 64 zero bytes (the seeds' placeholder), so
    /// that a mutated order still verifies; any other order is routed as it is, to be refused.
    public static func signingPlaceholder(_ payload: [UInt8]) -> [UInt8] {
        guard var order = try? ReleaseOrder(json: payload), order.signature == Data(count: 64) else { return payload }
        guard let signature = try? signingKey.signature(for: order.signedBytes) else { return payload }
        order.signature = signature
        return order.json
    }
}
