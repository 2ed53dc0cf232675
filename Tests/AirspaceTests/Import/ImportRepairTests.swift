import Airspace
import Foundation
import Geo
import Testing

@Suite("Import: invalid outlines repaired or refused, duplicate identifiers renamed, every zone reported")
struct ImportRepairTests {
    /// A square around Bern with corners 2 and 3 swapped: a bow tie whose edges 1 and 3 cross.
    static let bowTie = "[[7.40,46.90],[7.50,46.90],[7.40,47.00],[7.50,47.00],[7.40,46.90]]"

    static func feature(
        _ id: String, _ type: String,
        ring: String = "[[7.40,46.90],[7.50,46.90],[7.50,47.00],[7.40,47.00],[7.40,46.90]]"
    ) -> String {
        #"{"type":"Feature","geometry":{"type":"Polygon","coordinates":[\#(ring)],"#
            + #""layer":{"upper":120,"upperReference":"AGL","lower":0,"lowerReference":"AGL","uom":"m"}},"#
            + #""properties":{"identifier":"\#(id)","country":"CHE","name":[{"text":"\#(id) name","lang":"en-GB"}],"#
            + #""type":"\#(type)","variant":"COMMON","reason":["AIR_TRAFFIC"]}}"#
    }

    static func collection(_ features: String...) -> String {
        #"{"type":"FeatureCollection","features":[\#(features.joined(separator: ","))]}"#
    }

    @Test("a self-intersecting ring of a PROHIBITED zone becomes its convex hull, reported with edges and area")
    func repaired() throws {
        let result = try ImportSamples.read(
            json: Self.collection(Self.feature("BOW", "PROHIBITED", ring: Self.bowTie)), .ed318)
        let zone = try #require(result.zones.first)
        #expect(zone.id == "BOW" && zone.kind == .noFly)
        guard case .polygon(let polygon) = zone.shape else {
            Issue.record("expected a polygon")
            return
        }
        #expect(
            Set(polygon.outerRing) == [
                GeoPoint(latitude: 46.90, longitude: 7.40), GeoPoint(latitude: 46.90, longitude: 7.50),
                GeoPoint(latitude: 47.00, longitude: 7.50), GeoPoint(latitude: 47.00, longitude: 7.40),
            ])
        // Both lobes of the bow tie are inside the hull.
        #expect(zone.shape.contains(GeoPoint(latitude: 46.92, longitude: 7.45)))
        #expect(zone.shape.contains(GeoPoint(latitude: 46.98, longitude: 7.45)))
        let entry = try #require(result.report.entries.first)
        let repair = try #require(entry.repairs.first)
        #expect(repair.field == "geometry.coordinates[0]")
        #expect(repair.problems.first?.contains("ring intersects itself") == true)
        #expect(repair.problems.first?.contains("edges 1 and 3") == true)
        #expect(repair.replacement == "the convex hull of its 4 positions")
        #expect(repair.areaAsWritten < 1)  // a bow tie's lobes wind opposite ways: no net area
        #expect(abs(repair.areaRepaired - 7_600_000 * 11_120_000 / 1_000_000) / repair.areaRepaired < 0.02)
        #expect(result.report.repairedCount == 1)
        #expect(
            result.report.attentionLines.first?.hasPrefix("repaired BOW (features[0]): geometry.coordinates[0]") == true
        )
    }

    @Test("a spike in a ring is repaired with the percentage of area added")
    func spike() throws {
        let ring =
            "[[7.40,46.90],[7.50,46.90],[7.50,47.00],[7.45,47.00],[7.45,47.10],[7.45,47.00],[7.40,47.00],[7.40,46.90]]"
        let result = try ImportSamples.read(
            json: Self.collection(Self.feature("SPK", "REQ_AUTHORIZATION", ring: ring)), .ed318)
        let repair = try #require(result.report.entries.first?.repairs.first)
        #expect(repair.areaIncreasePercent.map { abs($0 - 50) < 1 } == true)
        #expect(repair.description.hasSuffix("(+50 % area)"))
        #expect(try #require(result.zones.first).shape.contains(GeoPoint(latitude: 47.09, longitude: 7.45)))
    }

    @Test("strict: the file is refused, naming the zone, the ring and the problem")
    func strict() {
        let json = Self.collection(
            Self.feature("OK1", "PROHIBITED"), Self.feature("BOW", "PROHIBITED", ring: Self.bowTie))
        let issues = ImportSamples.issues(json: json, .ed318, options: ZoneImportOptions(strict: true))
        #expect(issues.count == 1)
        #expect(issues.first?.item == "zone 'BOW'")
        #expect(issues.first?.field == "geometry.coordinates[0]")
        #expect(issues.first?.value.contains("edges 1 and 3") == true)
        #expect(issues.first?.problem.hasPrefix("ring intersects itself; a strict import refuses") == true)
    }

    @Test("a zone the mapping skips is not judged for its geometry, not even in strict mode")
    func skippedNotJudged() throws {
        let json = Self.collection(Self.feature("US1", "USPACE", ring: Self.bowTie))
        let result = try ImportSamples.read(json: json, .ed318, options: ZoneImportOptions(strict: true))
        #expect(result.zones.isEmpty)
        #expect(result.report.entries.map(\.action) == [.skip])
        #expect(result.report.entries.first?.rule == "restriction USPACE -> skip")
    }

    @Test("an outline across the antimeridian cannot be repaired (its hull would go round the Earth): refused")
    func unrepairable() {
        let ring = "[[179.9,0.0],[-179.9,0.0],[-179.9,0.1],[179.9,0.1],[179.9,0.0]]"
        let issues = ImportSamples.issues(json: Self.collection(Self.feature("AM1", "PROHIBITED", ring: ring)), .ed318)
        #expect(issues.count == 2)
        #expect(issues.first?.item == "zone 'AM1'")
        #expect(issues.first?.field == "geometry.coordinates[0][1]")
        #expect(issues.first?.problem.contains("antimeridian") == true)
    }

    @Test("a duplicate identifier whose twin is skipped: one zone, both reported with each other's position")
    func duplicateSkipped() throws {
        let json = Self.collection(Self.feature("DUP", "PROHIBITED"), Self.feature("DUP", "NO_RESTRICTION"))
        let result = try ImportSamples.read(json: json, .ed318)
        #expect(result.zones.map(\.id) == ["DUP"])
        #expect(result.report.entries.map(\.sameIdentifier) == [["features[1]"], ["features[0]"]])
        #expect(result.report.renamedCount == 0)
    }

    @Test("a duplicate identifier kept twice: the second becomes DUP#2, reported; neither is dropped")
    func duplicateKept() throws {
        let json = Self.collection(
            Self.feature("DUP", "PROHIBITED"), Self.feature("DUP", "CONDITIONAL"), Self.feature("DUP", "PROHIBITED"))
        let result = try ImportSamples.read(json: json, .ed318)
        #expect(result.zones.map(\.id) == ["DUP", "DUP#2", "DUP#3"])
        #expect(result.report.entries.map(\.renamedTo) == [nil, "DUP#2", "DUP#3"])
        #expect(
            result.report.attentionLines == [
                "renamed DUP (features[1]) to DUP#2: identifier also used by features[0], features[2]",
                "renamed DUP (features[2]) to DUP#3: identifier also used by features[0], features[1]",
            ])
    }

    @Test("a rename that would clash with a written identifier is refused rather than merged")
    func renameClash() {
        let json = Self.collection(
            Self.feature("A", "PROHIBITED"), Self.feature("A", "PROHIBITED"), Self.feature("A#2", "PROHIBITED"))
        let issues = ImportSamples.issues(json: json, .ed318)
        #expect(issues.map(\.problem) == ["two zones of the file end up with this id; rename one of them"])
    }
}
