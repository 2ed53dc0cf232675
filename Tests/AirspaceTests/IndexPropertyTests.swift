import Airspace
import AirspaceFixtures
import Foundation
import Geo
import PropertyBased
import Testing

/// The indexed query must find exactly what a scan of every zone finds.
@Suite("Indexed query against a brute-force scan")
struct IndexPropertyTests {
    /// What a correct engine must report, computed the slow, obvious way.
    static func bruteForce(_ bundle: SiteBundle, _ query: PositionQuery) -> (
        containing: [ZoneKind: Set<String>], noFly: Set<String>
    ) {
        let altitude = bundle.site.datum.amsl(query.altitude, query.altitudeReference)
        var containing: [ZoneKind: Set<String>] = [:]
        for zone in bundle.zones
        where zone.activity.isActive(at: query.time) && zone.shape.contains(query.position)
            && zone.band.resolved(in: bundle.site.datum).locate(altitude).isWithin
        {
            containing[zone.kind, default: []].insert(zone.id)
        }
        return (containing, containing[.noFly] ?? [])
    }

    @Test(
        "same zones and no-fly breaches as a scan, on random sites",
        arguments: [(zones: 10, side: 2_000.0), (zones: 300, side: 5_000), (zones: 2_000, side: 20_000)])
    func matchesBruteForce(size: (zones: Int, side: Double)) async throws {
        await propertyCheck(count: 8, input: Gen.uint64(in: 1...UInt64.max >> 1)) { seed in
            let site = SyntheticSite(zoneCount: size.zones, sideMetres: size.side, seed: seed, radii: 30...400)
            let bundle = try! site.bundle()
            let index = AirspaceIndex(bundle: bundle)
            var rng = SplitMix64(seed: seed ^ 0xA5A5)
            var nonEmpty = 0
            for _ in 0..<300 {
                let query = PositionQuery(
                    drone: SyntheticSite.drone, mission: SyntheticSite.mission, position: site.randomPoint(using: &rng),
                    altitude: Double.random(in: 0...320, using: &rng), altitudeReference: .agl,
                    time: SyntheticSite.validFrom.addingTimeInterval(Double.random(in: 0...(12 * 3600), using: &rng)))
                let expected = Self.bruteForce(bundle, query)
                let result = index.assess(query)
                var found: [ZoneKind: Set<String>] = [:]
                for kind in ZoneKind.allCases where !result.zones[kind].isEmpty {
                    found[kind] = Set(result.zones[kind])
                }
                #expect(found == expected.containing, "seed \(seed), \(query.position)")
                let noFly = Set(result.reasons.filter { $0.code == .inNoFly }.compactMap(\.subject))
                #expect(noFly == expected.noFly, "seed \(seed), \(query.position)")
                if !found.isEmpty { nonEmpty += 1 }
            }
            // Not a comparison of two empty answers: every site has zones under some of the 300 positions
            // (a small random site may have few; the large ones have many).
            #expect(
                nonEmpty >= (size.zones >= 2_000 ? 10 : 1), "seed \(seed): only \(nonEmpty) of 300 queries hit a zone")
        }
    }

    @Test("zones(containing:at:) matches a scan of every zone's outline")
    func containingMatchesScan() async throws {
        await propertyCheck(count: 10, input: Gen.uint64(in: 1...UInt64.max >> 1)) { seed in
            let site = SyntheticSite(zoneCount: 500, sideMetres: 6_000, seed: seed)
            let bundle = try! site.bundle()
            let index = AirspaceIndex(bundle: bundle)
            var rng = SplitMix64(seed: seed)
            for _ in 0..<200 {
                let point = site.randomPoint(using: &rng)
                let time = SyntheticSite.validFrom.addingTimeInterval(3600)
                let indexed = Set(index.zones(containing: point, at: time).map(\.id))
                let scanned = Set(
                    bundle.zones.filter { $0.activity.isActive(at: time) && $0.shape.contains(point) }.map(\.id))
                #expect(indexed == scanned)
            }
        }
    }
}
