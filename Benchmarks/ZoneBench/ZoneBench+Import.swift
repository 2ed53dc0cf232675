import Airspace
import AirspaceFixtures
import Foundation
import Geo

/// The import of a national ED-318 data set: the time to read, check and map it, and how fast its zones are
/// then looked up.
extension ZoneBench {
    func measureImport() throws {
        let (data, _) = SyntheticED318(zoneCount: importZones, seed: seed).generate()
        if let path = writeED318 {
            try data.write(to: URL(fileURLWithPath: path))
            print("wrote \(path): \(importZones) zones, \(String(format: "%.1f", Double(data.count) / 1_048_576)) MiB")
            return
        }
        let clock = ContinuousClock()
        var best = Duration.seconds(1_000)
        var result: ZoneImportResult?
        // The best of five: the first run also pays for page faults in a fresh process.
        for _ in 0..<5 {
            let start = clock.now
            result = try ZoneImport.read(data, format: .ed318, file: "national.ed318.json")
            best = min(best, clock.now - start)
        }
        guard let result else { return }
        let bundle = SiteBundle(
            site: SiteSettings(name: "national", datum: VerticalDatum(groundElevationAMSL: 500, geoidUndulation: 48)),
            zones: result.zones, authorisations: [])
        let indexStart = clock.now
        let index = AirspaceIndex(bundle: bundle)
        let indexed = clock.now - indexStart
        print(
            "import \(importZones) ED-318 zones (\(String(format: "%.1f", Double(data.count) / 1_048_576)) MiB): "
                + String(
                    format: "read, check and map %.0f ms (best of 5), index %.0f ms; ", best.seconds * 1000,
                    indexed.seconds * 1000)
                + "\(result.report.keptCount) kept as \(result.zones.count) zones, \(result.report.skippedCount) skipped, "
                + "\(result.report.repairedCount) repaired, \(result.report.renamedCount) renamed")
        var rng = SplitMix64(seed: seed &+ 3)
        let positions = (0..<65_536).map { _ in
            GeoPoint(
                latitude: Double.random(in: 45.82...47.80, using: &rng),
                longitude: Double.random(in: 5.96...10.49, using: &rng))
        }
        let time = Date(timeIntervalSince1970: 1_780_300_800)  // 2026-06-01T08:00:00Z, a Monday
        var done = 0, found = 0
        let start = clock.now
        while clock.now - start < Duration.milliseconds(Int64(seconds * 500)) {
            for position in positions.prefix(4096) {
                found += index.zones(containing: position, at: time).count
                done += 1
            }
        }
        let rate = Double(done) / (clock.now - start).seconds
        print(
            String(
                format:
                    "its zones: %.0f lookups/s (index + outline only, uniform positions over the country, %.2f hits)",
                rate,
                Double(found) / Double(done)))
    }
}
