import Airspace
import Foundation
import Geo
import Testing

/// Every containment path of the zone engine against independent implementations (GEOS through shapely for
/// polygons, GeographicLib for circles) on points placed where containment goes wrong: on vertex latitudes
/// and longitudes, on and near edges, within and just beyond 1 mm of the extent, in holes, on circle rims.
///
/// The cases come from `Tests/Tools/containment_reference.py`, run afresh by the test (python3 with shapely and
/// geographiclib: `.ci/run` installs them; a missing module fails the test). `FLOWGATE_CONTAINMENT_SEED` picks
/// other cases.
@Suite("Containment against shapely and GeographicLib")
struct ContainmentDifferentialTests {
    static let drone = "D-REF"
    static let mission = "M-REF"
    static let time = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("every kind and path agrees with the reference on adversarial points")
    func agreesWithReference() async throws {
        let seed = ProcessInfo.processInfo.environment["FLOWGATE_CONTAINMENT_SEED"].flatMap(Int.init) ?? 20_261_203
        let result = try await offThePool { try self.compare(seed: seed) }
        #expect(result.total > 100_000, "too few reference cases: \(result.total)")
        #expect(
            result.disagreements.isEmpty,
            "\(result.disagreements.count)+ disagreements:\n\(result.disagreements.joined(separator: "\n"))")
        #expect(result.checks > 1_000_000, "checks made: \(result.checks)")
    }

    /// Every path's answer on every reference case: how many cases and checks, and the first disagreements.
    func compare(seed: Int) throws -> (total: Int, checks: Int, disagreements: [String]) {
        let reference = try ContainmentReference.generate(seed: seed, zones: 420)
        let shapes = try reference.zones.map { try $0.shape() }
        let total = reference.zones.reduce(0) { $0 + $1.cases.count }

        var disagreements: [String] = []
        func check(
            _ answer: Bool, _ expected: Bool, _ path: String, _ zone: ContainmentReference.Zone,
            _ c: ContainmentReference.Case
        ) {
            guard answer != expected, disagreements.count < 40 else { return }
            disagreements.append(
                "\(path): zone \(zone.id) (\(zone.type)) point [\(c.lon), \(c.lat)] (\(c.why)): "
                    + "expected \(expected ? "inside" : "outside")")
        }
        // The shapes themselves: both ways a shape answers.
        for (zone, shape) in zip(reference.zones, shapes) {
            for c in zone.cases {
                let p = GeoPoint(latitude: c.lat, longitude: c.lon)
                check(shape.contains(p), c.inside, "Shape.contains", zone, c)
                check(shape.locate(p).isInside, c.inside, "Shape.locate", zone, c)
            }
        }
        // The index, with every zone of one kind at a time: the listing and the full assessment.
        var checks = 2 * total
        for kind in ZoneKind.allCases {
            for margin in kind == .operationArea || kind == .noCapture ? [0.0, 25] : [40.0] {
                let index = AirspaceIndex(bundle: bundle(reference, shapes, kind: kind, margin: margin))
                for zone in reference.zones {
                    for c in zone.cases {
                        let p = GeoPoint(latitude: c.lat, longitude: c.lon)
                        let listed = index.zones(containing: p, at: Self.time).contains { $0.id == zone.id }
                        check(listed, c.inside, "zones(containing:) \(kind.rawValue)", zone, c)
                        let assessment = index.assess(query(at: p))
                        let path = "assess \(kind.rawValue) margin \(margin)"
                        check(assessment.zones[kind].contains(zone.id), c.inside, path, zone, c)
                        switch kind {
                        case .operationArea: check(assessment.isAuthorisedHere, c.inside, path + " authorised", zone, c)
                        case .noFly:
                            check(
                                assessment.reasons.contains { $0.subject == zone.id }, c.inside, path + " breach", zone,
                                c)
                        case .noCapture: check(!assessment.isCaptureAllowed, c.inside, path + " capture", zone, c)
                        }
                        checks += 3
                    }
                }
            }
        }
        return (total, checks, disagreements)
    }

    func query(at p: GeoPoint) -> PositionQuery {
        PositionQuery(
            drone: Self.drone, mission: Self.mission, position: p, altitude: 60, altitudeReference: .agl,
            time: Self.time)
    }

    /// All zones as `kind`, under one authorisation that lists them all as its operation areas. The zones lie
    /// 5 km and more apart, beyond every search radius, so each point meets its own zone only.
    func bundle(_ reference: ContainmentReference, _ shapes: [Shape], kind: ZoneKind, margin: Double) -> SiteBundle {
        let zones = zip(reference.zones, shapes).map { zone, shape in
            Zone(
                id: zone.id, name: zone.id, kind: kind, shape: shape,
                band: AltitudeBand(
                    floor: AltitudeLimit(value: 0, reference: .agl), ceiling: AltitudeLimit(value: 120, reference: .agl)
                ),
                marginMetres: margin, missions: kind == .operationArea ? [Self.mission] : [])
        }
        let authorisation = Authorisation(
            id: "AUTH-REF", mission: Self.mission, drones: [Self.drone],
            operationAreas: kind == .operationArea ? zones.map(\.id) : [],
            validFrom: Self.time.addingTimeInterval(-3600),
            validUntil: Self.time.addingTimeInterval(3600), authority: "Reference", legalReference: "None",
            justification: "Differential test")
        return SiteBundle(
            site: SiteSettings(name: "Reference", datum: VerticalDatum(groundElevationAMSL: 0, geoidUndulation: 0)),
            zones: zones, authorisations: [authorisation])
    }
}
