import Airspace
import Foundation
import Geo
import Testing

/// A query's mission is found by comparing strings when a bundle has few missions, by hashing when it has
/// many: both find each mission's own authorisation, and none for a mission the bundle does not hold.
@Suite("Mission lookup, few missions and many")
struct MissionLookupTests {
    static let time = Date(timeIntervalSince1970: 1_800_000_000)
    static let centre = GeoPoint(latitude: 52.52, longitude: 13.405)

    static func index(missions: Int) throws -> AirspaceIndex {
        let ring = [(-1.0, -1.0), (1, -1), (1, 1), (-1, 1), (-1, -1)].map {
            GeoPoint(latitude: centre.latitude + $0.1 * 0.01, longitude: centre.longitude + $0.0 * 0.01)
        }
        let names = (0..<missions).map { "MISSION-\($0)-" + String(repeating: "x", count: $0 % 3 * 10) }
        let area = Zone(
            id: "AREA", name: "area", kind: .operationArea, shape: .polygon(try Polygon(rings: [ring])),
            band: .unlimited, missions: names)
        let authorisations = names.enumerated().map { number, mission in
            Authorisation(
                id: "AUTH-\(number)", mission: mission, drones: ["DRONE-\(number)"], operationAreas: ["AREA"],
                validFrom: time.addingTimeInterval(-60), validUntil: time.addingTimeInterval(60), authority: "T",
                legalReference: "T", justification: "T")
        }
        return AirspaceIndex(
            bundle: SiteBundle(
                site: SiteSettings(name: "T", datum: VerticalDatum(groundElevationAMSL: 30, geoidUndulation: 40)),
                zones: [area], authorisations: authorisations))
    }

    static func query(_ drone: String, _ mission: String) -> PositionQuery {
        PositionQuery(
            drone: drone, mission: mission, position: centre, altitude: 50, altitudeReference: .agl, time: time)
    }

    @Test("each mission finds its own authorisation", arguments: [1, 2, 7, 8, 9, 40])
    func eachMission(missions: Int) throws {
        let index = try Self.index(missions: missions)
        for number in 0..<missions {
            let mission = "MISSION-\(number)-" + String(repeating: "x", count: number % 3 * 10)
            let assessment = index.assess(Self.query("DRONE-\(number)", mission))
            #expect(assessment.authorisation == "AUTH-\(number)", "mission \(mission)")
            #expect(assessment.verdict == .compliant && assessment.isAuthorisedHere)
            // Another mission's drone under this mission: no authorisation covers it.
            let other = index.assess(Self.query("DRONE-\((number + 1) % missions)", mission))
            #expect(missions == 1 || other.authorisation == nil)
        }
        let unknown = index.assess(Self.query("DRONE-0", "MISSION-UNKNOWN"))
        #expect(unknown.authorisation == nil)
        #expect(unknown.reasons.map(\.code) == [.noAuthorisation])
    }
}
