import Airspace
import AirspaceFixtures
import Foundation
import Geo
import Testing

@Suite("Import: a national-scale ED-318 data set, checked zone by zone")
struct NationalImportTests {
    static let generated = SyntheticED318().generate()

    /// Monday 2026-06-01 00:00 UTC, inside every schedule's 2026 window.
    static let monday = 1_780_272_000.0

    @Test("1,200 zones of about 9 MiB, with every special case, import whole")
    func importsWhole() throws {
        let (data, expectations) = Self.generated
        #expect(data.count > 9_000_000)
        let result = try ZoneImport.read(data, format: .ed318, file: "national.ed318.json")
        let report = result.report
        #expect(report.entries.count == 1_200)
        #expect(report.repairedCount == 1)
        #expect(report.renamedCount == 1)
        #expect(report.entries.map(\.identifier) == expectations.map(\.identifier))
        #expect(report.entries.map(\.position) == expectations.map(\.position))
        #expect(result.zones.map(\.id) == expectations.flatMap(\.zoneIDs))
        #expect(Set(result.zones.map(\.id)).count == result.zones.count)
        let specials = SyntheticED318.specialIndices(1_200)
        #expect(specials.count == 4)
        for (index, special) in specials {
            let entry = report.entries[index]
            switch special {
            case .skippedTwin:
                #expect(entry.action == .skip && entry.sameIdentifier.count == 1)
            case .keptTwin:
                #expect(entry.renamedTo == "\(entry.identifier)#2" && entry.zoneIDs == ["\(entry.identifier)#2"])
            case .invalidRing:
                #expect(entry.repairs.first?.problems.first?.contains("ring intersects itself") == true)
                #expect(entry.repairs.first?.areaIncreasePercent.map { $0 < 1 } == true)
            case .invalidRingSkipped:
                #expect(entry.action == .skip && entry.repairs.isEmpty)
            }
        }
        #expect(report.entries.contains { $0.reasons.contains("DAR") })
    }

    @Test("every zone's kind, band, shape and schedule, in UTC")
    func zoneByZone() throws {
        let (data, expectations) = Self.generated
        let result = try ZoneImport.read(data, format: .ed318, file: "national.ed318.json")
        var zones = result.zones[...]
        var converted = 0
        for (expected, entry) in zip(expectations, result.report.entries) {
            let label = "\(expected.position) \(expected.identifier)"
            #expect(entry.action == expected.action, "\(label)")
            #expect(entry.zoneIDs == expected.zoneIDs, "\(label)")
            #expect(entry.renamedTo == expected.renamedTo, "\(label)")
            #expect((entry.repairs.isEmpty) == (!expected.invalidRing || expected.action == .skip), "\(label)")
            if expected.convertedTimes, expected.action != .skip {
                #expect(!entry.notes.isEmpty, "\(label)")
                converted += 1
            }
            let made = zones.prefix(expected.zoneIDs.count)
            zones = zones.dropFirst(expected.zoneIDs.count)
            for (volume, zone) in made.enumerated() {
                #expect(zone.kind.rawValue == expected.action.rawValue, "\(label)")
                #expect(zone.band == expected.bands[volume], "\(label)")
                #expect(zone.shape.contains(expected.inside), "\(label)")
                #expect(!zone.shape.contains(GeoPoint(latitude: 45.0, longitude: 8.0)), "\(label)")
                if let radius = expected.radius, case .circle(let circle) = zone.shape {
                    #expect(circle.radius == radius, "\(label)")
                } else if case .polygon(let polygon) = zone.shape {
                    #expect(expected.invalidRing || polygon.outerRing == expected.corners, "\(label)")
                    #expect(expected.corners.allSatisfy(zone.shape.contains), "\(label)")
                } else {
                    Issue.record("\(label): unexpected shape")
                }
                checkSchedule(zone.activity, expected.weeklySpans, label)
            }
        }
        #expect(zones.isEmpty)
        #expect(converted > 50)
    }

    /// Just inside and just outside each end of each intended span (a second of slack for fractions).
    func checkSchedule(_ activity: Activity, _ spans: [Range<Int>], _ label: String) {
        guard !spans.isEmpty else {
            #expect(activity == .always, "\(label)")
            return
        }
        let week = 7 * 86_400
        func intended(_ second: Int) -> Bool {
            let w = (second % week + week) % week
            return spans.contains { $0.contains(w) || $0.contains(w + week) }
        }
        for span in spans {
            for probe in [span.lowerBound + 1, span.upperBound - 1, span.lowerBound - 2, span.upperBound + 2] {
                let w = (probe % week + week) % week
                let instant = Date(timeIntervalSince1970: Self.monday + Double(w))
                #expect(activity.isActive(at: instant) == intended(probe), "\(label) at second \(w) of the week")
            }
        }
    }
}
