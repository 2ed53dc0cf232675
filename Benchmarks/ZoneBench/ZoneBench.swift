import Airspace
import AirspaceFixtures
import ArgumentParser
import Foundation
import Geo

/// Measures the zone engine: queries per second over growing zone sets, and the time to load and index a
/// large bundle from files. Run it in release mode: `swift run -c release flowgate-bench`.
@main
struct ZoneBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flowgate-bench",
        abstract: "Benchmark the zone engine: query throughput and bundle load time."
    )

    @Option(help: "Zone counts to measure, comma-separated.")
    var zones = "10,1000,10000"

    @Option(help: "Side of the square the zones are scattered over, metres.")
    var side = 20_000.0

    @Option(help: "Seconds to spend measuring each zone count.")
    var seconds = 2.0

    @Option(help: "Run exactly this many queries per zone count instead of timing for --seconds (for profilers).")
    var queryCount: Int?

    @Option(help: "Seed for the synthetic zones and queries.")
    var seed: UInt64 = 42

    enum Positions: String, ExpressibleByArgument, CaseIterable {
        case uniform, tracks
    }

    @Option(
        help: """
            Where the queried positions are: uniform (anywhere in the square, in random order: the worst case for \
            caches) or tracks (64 drones flying 10 m/s with a fix every 100 ms, interleaved, as a gateway sees them).
            """)
    var positions: Positions = .tracks

    @Option(help: "Zones in the bundle whose load time is measured.")
    var loadZones = 10_000

    @Option(help: "Zones in the synthetic national ED-318 file whose import is measured (about 8 KiB each).")
    var importZones = 1_200

    @Flag(
        help: "Measure only the dense zones (the first table), without the load and import: for comparing builds.")
    var denseOnly = false

    @Flag(
        help: """
            Print a digest of every answer, to show that two builds answer alike: run both with \
            SWIFT_DETERMINISTIC_HASHING=1 and the same --query-count.
            """)
    var answersDigest = false

    @Flag(help: "Measure only the ED-318 import.")
    var importOnly = false

    @Option(help: "Write the synthetic national ED-318 file to this path and stop (to time `flowgate zones import`).")
    var writeED318: String?

    func run() throws {
        #if DEBUG
            print("warning: a debug build; run `swift run -c release flowgate-bench` for meaningful numbers")
        #endif
        if importOnly || writeED318 != nil { return try measureImport() }
        print("flowgate zone engine benchmark: full assessments on one core, seed \(seed), 8-64 vertices per zone,")
        print(
            "three large operation areas plus the zones (30 % no-fly, 70 % no-capture), positions: \(positions.rawValue)"
        )
        let counts = zones.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        print(
            "\nzones of 30-300 m radius in a \(Int(side / 1000)) km square (dense: each point lies in 1.5 zones at 10,000):"
        )
        header()
        for count in counts {
            try measureQueries(zoneCount: count, side: side, radii: 30...300)
        }
        if denseOnly { return }
        // The index's promise: at the same density, a query over many zones costs about what one over few
        // does. The square grows with the count so that each point has as many zones around it.
        let density = Double(counts.max() ?? 10_000) / (side * side)
        print(
            "\nthe same zones at the same density (\(String(format: "%.0f", density * 1e6)) zones/km²), the square growing with the count:"
        )
        header()
        for count in counts {
            try measureQueries(zoneCount: count, side: (Double(count) / density).squareRoot(), radii: 30...300)
        }
        print(
            "\nbuilding-sized zones (homes, clinics, places of worship: 15-80 m radius) in a \(Int(side / 1000)) km square:"
        )
        header()
        for count in counts {
            try measureQueries(zoneCount: count, side: side, radii: 15...80)
        }
        print("")
        try measureLoad()
        try measureImport()
    }

    func header() {
        print(
            pad("zones", 8) + pad("square", 10) + pad("queries/s", 14) + pad("ns/query", 11)
                + pad("zones hit/query", 17) + pad("breaches", 10) + "lookups/s (index + outline only)")
    }

    func measureQueries(zoneCount: Int, side: Double, radii: ClosedRange<Double>) throws {
        let site = SyntheticSite(zoneCount: zoneCount, sideMetres: side, seed: seed, radii: radii, layout: .deployment)
        let index = AirspaceIndex(bundle: try site.bundle())
        let queries = positions == .tracks ? trackQueries(site) : uniformQueries(site)
        var done = 0
        var hits = 0
        var breaches = 0
        var digest = Hasher()
        let clock = ContinuousClock()
        let start = clock.now
        let budget = Duration.milliseconds(Int64(seconds * 1000))
        while queryCount.map({ done < $0 }) ?? (clock.now - start < budget) {
            let first = done % queries.count
            for position in first..<min(first + 4096, queries.count, first + (queryCount.map { $0 - done } ?? 4096)) {
                let result = index.assess(queries[position])
                hits += result.zones.count
                if answersDigest { digest.combine(result) }
                if result.verdict == .breach { breaches += 1 }
                done += 1
            }
        }
        let elapsed = (clock.now - start).seconds
        if answersDigest { print("answers digest over \(done) queries: \(digest.finalize())") }
        let rate = Double(done) / elapsed
        print(
            pad("\(zoneCount)", 8) + pad(String(format: "%.1f km", side / 1000), 10)
                + pad(String(format: "%.0f", rate), 14) + pad(String(format: "%.0f", 1e9 / rate), 11)
                + pad(String(format: "%.2f", Double(hits) / Double(done)), 17)
                + pad(String(format: "%.1f %%", 100 * Double(breaches) / Double(done)), 10)
                + String(format: "%.0f", lookupRate(index, queries)))
    }

    func uniformQueries(_ site: SyntheticSite) -> [PositionQuery] {
        var rng = SplitMix64(seed: seed &+ 1)
        return (0..<65_536).map { _ in
            PositionQuery(
                drone: SyntheticSite.drone, mission: SyntheticSite.mission, position: site.randomPoint(using: &rng),
                altitude: Double.random(in: 20...150, using: &rng), altitudeReference: .agl,
                time: SyntheticSite.validFrom.addingTimeInterval(Double.random(in: 0...43_000, using: &rng)))
        }
    }

    /// 64 drones, each starting anywhere in the square and turning gently, a fix every metre (10 m/s at
    /// 10 Hz); their fixes interleaved in time order.
    func trackQueries(_ site: SyntheticSite) -> [PositionQuery] {
        var rng = SplitMix64(seed: seed &+ 2)
        let scale = WGS84.metresPerDegree(atLatitude: site.center.latitude)
        var drones = (0..<64).map { _ in
            (
                position: site.randomPoint(using: &rng), heading: Double.random(in: 0..<(2 * .pi), using: &rng),
                altitude: Double.random(in: 25...140, using: &rng)
            )
        }
        var queries: [PositionQuery] = []
        queries.reserveCapacity(65_536)
        for step in 0..<1024 {
            for d in drones.indices {
                drones[d].heading += Double.random(in: -0.05...0.05, using: &rng)
                drones[d].position.latitude += cos(drones[d].heading) / scale.north
                drones[d].position.longitude += sin(drones[d].heading) / scale.east
                queries.append(
                    PositionQuery(
                        drone: SyntheticSite.drone, mission: SyntheticSite.mission, position: drones[d].position,
                        altitude: drones[d].altitude, altitudeReference: .agl,
                        time: SyntheticSite.validFrom.addingTimeInterval(3600 + Double(step) / 10)))
            }
        }
        return queries
    }

    /// Lookups per second of the index alone: the active zones whose outline holds the position, without
    /// bands, authorisation, distances or reasons.
    func lookupRate(_ index: AirspaceIndex, _ queries: [PositionQuery]) -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        var done = 0
        var found = 0
        let budget = Duration.milliseconds(Int64(seconds * 500))
        while queryCount.map({ done < $0 }) ?? (clock.now - start < budget) {
            for query in queries.prefix(4096) {
                found += index.zones(containing: query.position, at: query.time).count
                done += 1
            }
        }
        precondition(found >= 0)
        return Double(done) / (clock.now - start).seconds
    }

    func measureLoad() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "flowgate-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try SyntheticSite(zoneCount: loadZones, sideMetres: side, seed: seed, layout: .deployment).write(to: folder)
        let bytes =
            (try? FileManager.default.attributesOfItem(
                atPath: folder.appendingPathComponent(BundleLoader.zonesFile).path)[.size] as? Int) ?? 0
        let clock = ContinuousClock()
        let start = clock.now
        let bundle = try BundleLoader.load(directory: folder)
        let loaded = clock.now
        let index = AirspaceIndex(bundle: bundle)
        let indexed = clock.now
        print(
            "load \(index.bundle.zones.count) zones (\(String(format: "%.1f", Double(bytes) / 1_048_576)) MiB GeoJSON): "
                + String(
                    format: "read and validate %.0f ms, index %.0f ms, total %.0f ms", (loaded - start).seconds * 1000,
                    (indexed - loaded).seconds * 1000, (indexed - start).seconds * 1000))
    }

    func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(1, width - text.count))
    }
}
