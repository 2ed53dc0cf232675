import Airspace
import Foundation
import Geo
import Testing

@Suite("ED-269 import")
struct ED269ImportTests {
    @Test("the InterUSS sample (UASZoneList, dailyPeriod placeholder, numbers as strings, nulls) loads")
    func interUSSSample() throws {
        let result = try ImportSamples.read("ed269/cis_source_sample_ed269.json", .ed269)
        #expect(result.skipped.isEmpty)
        let zone = try #require(result.zones.first)
        #expect(result.zones.count == 1)
        #expect(zone.id == "LSXX")
        #expect(zone.name == "LSXX City Sample")
        #expect(zone.kind == .noFly)  // REQ_AUTHORISATION, by default
        #expect(zone.band == AltitudeBand(floor: AltitudeLimit(value: 0, reference: .agl), ceiling: nil))
        #expect(zone.activity == .always)
        guard case .polygon(let polygon) = zone.shape else {
            Issue.record("expected a polygon")
            return
        }
        #expect(polygon.outerRing.count == 4)
        #expect(polygon.outerRing[0] == GeoPoint(latitude: 46.217024450605436, longitude: 6.166485701899006))
        #expect(zone.shape.contains(GeoPoint(latitude: 46.2160, longitude: 6.1685)))
    }

    static func zone(
        restriction: String = "PROHIBITED", reason: String = #"["PRIVACY"]"#, applicability: String = "null",
        geometry: String = ED269ImportTests.circleVolume
    ) -> String {
        #"{"title":"t","description":"d","features":[{"identifier":"Z1","country":"DEU","name":"Zone one","#
            + #""type":"COMMON","restriction":"\#(restriction)","reason":\#(reason),"#
            + #""applicability":\#(applicability),"geometry":\#(geometry)}]}"#
    }

    static let circleVolume =
        #"[{"uomDimensions":"FT","lowerLimit":null,"lowerVerticalReference":null,"upperLimit":"400","#
        + #""upperVerticalReference":"AGL","horizontalProjection":{"type":"Circle","center":[13.3777,52.5163],"#
        + #""radius":"250"}}]"#

    @Test("the features wrapper, a circle, feet and string numbers: 400 ft AGL ceiling, 250 m radius")
    func circleInFeet() throws {
        let zone = try #require(try ImportSamples.read(json: Self.zone(), .ed269).zones.first)
        #expect(zone.kind == .noFly)  // PROHIBITED wins over the PRIVACY reason
        #expect(zone.band.floor == nil)
        let ceiling = try #require(zone.band.ceiling)
        #expect(ceiling == AltitudeLimit(value: 400, unit: .feet, reference: .agl))
        #expect(abs(ceiling.amsl(in: VerticalDatum(groundElevationAMSL: 0, geoidUndulation: 0)) - 121.92) < 1e-9)
        guard case .circle(let circle) = zone.shape else {
            Issue.record("expected a circle")
            return
        }
        #expect(circle.radius == 250)
        #expect(circle.center == GeoPoint(latitude: 52.5163, longitude: 13.3777))
    }

    @Test("several volumes, each with its own references, become zones Z1#v1 and Z1#v2")
    func severalVolumes() throws {
        let geometry =
            #"[{"uomDimensions":"M","lowerLimit":0,"lowerVerticalReference":"AGL","upperLimit":60,"#
            + #""upperVerticalReference":"AGL","horizontalProjection":{"type":"Circle","center":[13.0,52.0],"#
            + #""radius":100}},{"uomDimensions":"M","lowerLimit":60,"lowerVerticalReference":"AGL","#
            + #""upperLimit":500,"upperVerticalReference":"AMSL","horizontalProjection":{"type":"Polygon","#
            + #""coordinates":[[[13.0,52.0],[13.01,52.0],[13.01,52.01],[13.0,52.0]]]}}]"#
        let zones = try ImportSamples.read(json: Self.zone(restriction: "CONDITIONAL", geometry: geometry), .ed269)
            .zones
        #expect(zones.map(\.id) == ["Z1#v1", "Z1#v2"])
        #expect(zones.map(\.kind) == [.noCapture, .noCapture])  // PRIVACY reason on a conditional zone
        #expect(zones[1].band.ceiling == AltitudeLimit(value: 500, reference: .amsl))
    }

    @Test("applicability windows and weekly schedules (schedule and dailyPeriod) become activities")
    func schedules() throws {
        let applicability =
            #"[{"permanent":"NO","startDateTime":"2026-11-01T00:00:00Z","endDateTime":"2026-12-01T00:00:00Z","#
            + #""schedule":[{"day":["SAT","SUN"],"startTime":"08:00:00","endTime":"18:00:00"}]},"#
            + #"{"permanent":"NO","dailyPeriod":[{"day":["ANY"],"startTime":"22:00","endTime":"02:00"}]}]"#
        let zones = try ImportSamples.read(json: Self.zone(applicability: applicability), .ed269).zones
        #expect(zones.map(\.id) == ["Z1#t1", "Z1#t2"])
        let weekend = zones[0].activity
        #expect(weekend.isActive(at: ImportSamples.time("2026-11-28T12:00:00Z")))  // a Saturday
        #expect(!weekend.isActive(at: ImportSamples.time("2026-11-27T12:00:00Z")))  // a Friday
        #expect(!weekend.isActive(at: ImportSamples.time("2026-11-28T18:00:00Z")))
        #expect(!weekend.isActive(at: ImportSamples.time("2026-12-05T12:00:00Z")))  // after the window
        let nightly = zones[1].activity
        #expect(nightly.isActive(at: ImportSamples.time("2026-11-25T01:00:00Z")))
        #expect(!nightly.isActive(at: ImportSamples.time("2026-11-25T03:00:00Z")))
    }

    @Test("restriction and reason mapping, and its overrides")
    func mapping() throws {
        let skipped = try ImportSamples.read(json: Self.zone(restriction: "NO_RESTRICTION", reason: "[]"), .ed269)
        #expect(skipped.zones.isEmpty)
        #expect(skipped.skipped.map(\.identifier) == ["Z1"])
        let options = ZoneImportOptions(
            mapping: try ZoneKindMapping.standard.overriding(
                restrictions: ["REQ_AUTHORISATION": .skip], reasons: ["NATURE": .noFly]))
        let authorisation = Self.zone(restriction: "REQ_AUTHORISATION", reason: #"["AIR_TRAFFIC"]"#)
        #expect(try ImportSamples.read(json: authorisation, .ed269, options: options).zones.isEmpty)
        let nature = Self.zone(restriction: "REQ_AUTHORISATION", reason: #"["NATURE","PRIVACY"]"#)
        #expect(try ImportSamples.read(json: nature, .ed269, options: options).zones.map(\.kind) == [.noFly])
        #expect(throws: ZoneKindMapping.MappingError.self) {
            try ZoneKindMapping.standard.overriding(restrictions: ["FORBIDDEN": .noFly])
        }
    }

    @Test("invalid data is refused with the zone, field and value named")
    func refusals() {
        func first(_ json: String) -> BundleIssue? { ImportSamples.issues(json: json, .ed269).first }
        let restriction = first(Self.zone(restriction: "FORBIDDEN"))
        #expect(restriction?.item == "zone 'Z1'")
        #expect(restriction?.field == "restriction")
        #expect(restriction?.value == "\"FORBIDDEN\"")
        #expect(first(Self.zone(reason: #"["GOSSIP"]"#))?.field == "reason[0]")
        let radius = Self.circleVolume.replacingOccurrences(of: #""radius":"250""#, with: #""radius":"wide""#)
        #expect(first(Self.zone(geometry: radius))?.field == "geometry[0].horizontalProjection.radius")
        let unit = Self.circleVolume.replacingOccurrences(of: #""FT""#, with: #""yards""#)
        #expect(first(Self.zone(geometry: unit))?.field == "geometry[0].uomDimensions")
        let reference = Self.circleVolume.replacingOccurrences(
            of: #""upperVerticalReference":"AGL""#, with: #""upperVerticalReference":"WGS84""#)
        #expect(first(Self.zone(geometry: reference))?.field == "geometry[0].upperVerticalReference")
        let inverted =
            #"[{"uomDimensions":"M","lowerLimit":100,"lowerVerticalReference":"AGL","upperLimit":50,"#
            + #""upperVerticalReference":"AGL","horizontalProjection":{"type":"Circle","center":[13.0,52.0],"radius":100}}]"#
        #expect(first(Self.zone(geometry: inverted))?.problem.contains("above the ceiling") == true)
        let contradictory = #"[{"permanent":"YES","startDateTime":"2026-11-01T00:00:00Z"}]"#
        #expect(first(Self.zone(applicability: contradictory))?.field == "applicability[0].permanent")
        let badDay = #"[{"permanent":"NO","schedule":[{"day":["FUNDAY"],"startTime":"08:00","endTime":"09:00"}]}]"#
        #expect(first(Self.zone(applicability: badDay))?.field == "applicability[0].schedule[0].day[0]")
        let backwards = #"[{"startDateTime":"2026-12-01T00:00:00Z","endDateTime":"2026-11-01T00:00:00Z"}]"#
        #expect(first(Self.zone(applicability: backwards))?.problem.contains("not before its end") == true)
        #expect(first(#"{"zones":[]}"#)?.problem.contains("'features' or 'UASZoneList'") == true)
        #expect(first(Self.zone(geometry: "[]"))?.problem == "needs at least one volume")
    }
}
