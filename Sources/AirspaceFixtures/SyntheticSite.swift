public import Airspace
public import Foundation
public import Geo
import StrictJSON

/// Random but realistic bundles for benchmarks and property tests: star-shaped polygons of 8 to 64 vertices
/// and circles, scattered over a square around Pariser Platz, with bands, windows and margins.
public struct SyntheticSite: Sendable {
    public var zoneCount: Int
    /// Side of the square the zones fall in, metres.
    public var sideMetres: Double
    public var center: GeoPoint
    public var seed: UInt64
    /// Zone radii, metres: each zone's vertices lie between half its radius and its radius from its centre.
    public var radii: ClosedRange<Double>
    public var layout: Layout

    public enum Layout: Sendable {
        /// One zone in ten is a small operation area, three are no-fly, six no-capture: many overlaps of
        /// every kind, for property tests.
        case mixed
        /// Like a real deployment: the mission's three large operation areas (a third of the square across
        /// each), and every other zone a no-fly (30 %) or no-capture (70 %) zone.
        case deployment
    }

    public static let mission = "M-SYN"
    public static let drone = "SYN-1"
    /// The synthetic authorisation's window.
    public static let validFrom = Date(timeIntervalSince1970: 1_795_852_800)  // 2026-11-28T08:00:00Z
    public static let validUntil = validFrom.addingTimeInterval(12 * 3600)

    public init(
        zoneCount: Int, sideMetres: Double = 20_000, center: GeoPoint = GeoPoint(latitude: 52.5163, longitude: 13.3777),
        seed: UInt64 = 1, radii: ClosedRange<Double> = 30...300, layout: Layout = .mixed
    ) {
        self.layout = layout
        self.zoneCount = zoneCount
        self.sideMetres = sideMetres
        self.center = center
        self.seed = seed
        self.radii = radii
    }

    var scale: (north: Double, east: Double) { WGS84.metresPerDegree(atLatitude: center.latitude) }

    /// A random point in the square.
    public func randomPoint(using rng: inout some RandomNumberGenerator) -> GeoPoint {
        let half = sideMetres / 2
        return GeoPoint(
            latitude: center.latitude + Double.random(in: -half...half, using: &rng) / scale.north,
            longitude: center.longitude + Double.random(in: -half...half, using: &rng) / scale.east)
    }

    /// The bundle's three files as JSON text.
    public func files() -> (site: String, zones: String, authorisations: String) {
        var rng = SplitMix64(seed: seed)
        var features: [JSONValue] = []
        var areaIDs: [JSONValue] = []
        for index in 0..<zoneCount {
            // One zone in ten is an operation area, three are no-fly, the rest no-capture.
            let roll = Int.random(in: 0..<10, using: &rng)
            let kind: ZoneKind =
                switch layout {
                case .mixed: roll == 0 ? .operationArea : roll <= 3 ? .noFly : .noCapture
                case .deployment: roll <= 2 ? .noFly : .noCapture
                }
            let id = "Z\(index)"
            if kind == .operationArea { areaIDs.append(.string(id)) }
            features.append(.object(feature(id: id, kind: kind, rng: &rng)))
        }
        if layout == .deployment {
            for k in 0..<3 {
                let id = "AREA-\(k)"
                features.append(.object(feature(id: id, kind: .operationArea, rng: &rng, radius: sideMetres / 3)))
                areaIDs.append(.string(id))
            }
        }
        if areaIDs.isEmpty {
            // Every bundle needs an operation area for its authorisation: make the whole square one.
            features.append(.object(feature(id: "Z-AREA", kind: .operationArea, rng: &rng, radius: sideMetres)))
            areaIDs.append("Z-AREA")
        }
        let site: JSONObject = [
            "name": .string("Synthetic site, \(zoneCount) zones, seed \(seed)"),
            "ground_elevation_m_amsl": .number(34), "geoid_undulation_m": .number(39.6),
        ]
        let authorisation: JSONObject = [
            "id": "AUTH-SYN", "mission": .string(SyntheticSite.mission), "purpose": "crowd_flow",
            "drones": .array([.string(SyntheticSite.drone)]), "operation_areas": .array(areaIDs),
            "valid_from": .string(RFC3339.format(SyntheticSite.validFrom)),
            "valid_until": .string(RFC3339.format(SyntheticSite.validUntil)), "authority": "Synthetic authority",
            "legal_reference": "none (synthetic test data)",
            "justification": "Synthetic bundle generated for benchmarks and property tests.",
        ]
        return (
            JSONWriter.write(.object(site)),
            JSONWriter.write(.object(["type": "FeatureCollection", "features": .array(features)])),
            JSONWriter.write(.object(["authorisations": .array([.object(authorisation)])]))
        )
    }

    /// Writes the bundle into `folder` (created if needed).
    public func write(to folder: URL) throws {
        let (site, zones, authorisations) = files()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(site.utf8).write(to: folder.appendingPathComponent(BundleLoader.siteFile))
        try Data(zones.utf8).write(to: folder.appendingPathComponent(BundleLoader.zonesFile))
        try Data(authorisations.utf8).write(to: folder.appendingPathComponent(BundleLoader.authorisationsFile))
    }

    /// The bundle, loaded through the same loader as real bundles.
    public func bundle() throws -> SiteBundle {
        let (site, zones, authorisations) = files()
        return try BundleLoader.load(
            site: .success(Data(site.utf8)), zones: .success(Data(zones.utf8)),
            authorisations: .success(Data(authorisations.utf8)))
    }

    private func feature(id: String, kind: ZoneKind, rng: inout SplitMix64, radius fixedRadius: Double? = nil)
        -> JSONObject
    {
        let centre = randomPoint(using: &rng)
        let radius = fixedRadius ?? Double.random(in: radii, using: &rng)
        var properties: JSONObject = [
            "id": .string(id), "name": .string("Synthetic \(kind.rawValue) \(id)"), "kind": .string(kind.rawValue),
        ]
        if kind == .operationArea { properties["missions"] = .array([.string(SyntheticSite.mission)]) }
        let floor = fixedRadius == nil ? Double.random(in: 0...50, using: &rng).rounded() : 0
        let ceiling = fixedRadius == nil ? Double.random(in: 100...300, using: &rng).rounded() : 500
        properties["band"] = .object([
            "floor": .object(["value": .number(floor), "ref": "AGL"]),
            "ceiling": .object(["value": .number(ceiling), "ref": "AGL"]),
        ])
        properties["margin_m"] = .number(Double.random(in: 0...50, using: &rng).rounded())
        if fixedRadius == nil, Int.random(in: 0..<5, using: &rng) == 0 {
            // Active for a random part of the synthetic authorisation's day.
            let from = SyntheticSite.validFrom.addingTimeInterval(Double(Int.random(in: 0...6, using: &rng)) * 3600)
            properties["window"] = .object([
                "from": .string(RFC3339.format(from)),
                "until": .string(RFC3339.format(from.addingTimeInterval(4 * 3600))),
            ])
        }
        let geometry: JSONObject
        if fixedRadius == nil, Int.random(in: 0..<10, using: &rng) == 0 {
            properties["radius_m"] = .number(radius.rounded())
            geometry = ["type": "Point", "coordinates": .array([.number(centre.longitude), .number(centre.latitude)])]
        } else {
            let vertexCount = Int.random(in: 8...64, using: &rng)
            let ring = starRing(around: centre, radius: radius, vertices: vertexCount, rng: &rng)
            geometry = ["type": "Polygon", "coordinates": .array([.array(ring)])]
        }
        return ["type": "Feature", "geometry": .object(geometry), "properties": .object(properties)]
    }

    /// A simple (non-self-intersecting) ring: vertices at increasing angles, each at a random distance.
    private func starRing(around centre: GeoPoint, radius: Double, vertices: Int, rng: inout SplitMix64) -> [JSONValue]
    {
        var positions: [JSONValue] = []
        for k in 0..<vertices {
            let angle = 2 * Double.pi * (Double(k) + Double.random(in: 0.1...0.9, using: &rng)) / Double(vertices)
            let r = radius * Double.random(in: 0.5...1, using: &rng)
            let lat = centre.latitude + r * sin(angle) / scale.north
            let lon = centre.longitude + r * cos(angle) / scale.east
            positions.append(.array([.number(lon), .number(lat)]))
        }
        positions.append(positions[0])
        return positions
    }
}
