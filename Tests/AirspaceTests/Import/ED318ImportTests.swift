import Airspace
import Foundation
import Geo
import Testing

@Suite("ED-318 import")
struct ED318ImportTests {
    @Test("Example_GeoZone_Circle: a PROHIBITED circle of 3500 m, 50-150 m AGL")
    func circle() throws {
        let result = try ImportSamples.read("ed318/Example_GeoZone_Circle.json", .ed318)
        let zone = try #require(result.zones.first)
        #expect(result.zones.count == 1)
        #expect(zone.id == "ABC1234")
        #expect(zone.name == "Fictitious circle")
        #expect(zone.kind == .noFly)
        #expect(zone.activity == .always)
        #expect(
            zone.band
                == AltitudeBand(
                    floor: AltitudeLimit(value: 50, reference: .agl),
                    ceiling: AltitudeLimit(value: 150, reference: .agl)))
        guard case .circle(let circle) = zone.shape else {
            Issue.record("expected a circle")
            return
        }
        #expect(circle.radius == 3_500)
        #expect(circle.center == GeoPoint(latitude: 50.122901, longitude: 2.636866))
    }

    @Test("Example_GeoZone_2_Layers: two volumes with their own layers, a window and a weekly schedule")
    func twoLayers() throws {
        let zones = try ImportSamples.read("ed318/Example_GeoZone_2_Layers.json", .ed318).zones
        #expect(zones.map(\.id) == ["NFZ6547#v1", "NFZ6547#v2"])
        #expect(zones.allSatisfy { $0.kind == .noFly })  // REQ_AUTHORIZATION (with a Z), by default
        #expect(zones[0].band.floor?.value == 50)
        #expect(zones[0].band.ceiling?.value == 150)
        #expect(zones[1].band.floor?.value == 0)
        #expect(zones[1].band.ceiling?.value == 50)
        let activity = zones[0].activity
        #expect(activity.window?.from == ImportSamples.time("2018-12-31T15:59:59Z"))
        #expect(activity.window?.until == ImportSamples.time("2019-12-31T15:59:59Z"))
        #expect(activity.isActive(at: ImportSamples.time("2019-03-06T16:30:00Z")))  // any day 16-17
        #expect(!activity.isActive(at: ImportSamples.time("2019-03-06T11:00:00Z")))  // a Wednesday
        #expect(activity.isActive(at: ImportSamples.time("2019-03-10T11:00:00Z")))  // a Sunday 10-12
        #expect(!activity.isActive(at: ImportSamples.time("2020-03-10T16:30:00Z")))  // after the window
    }

    @Test("Example_Collection: both zones; the mapping can skip REQ_AUTHORIZATION under either spelling")
    func collection() throws {
        let zones = try ImportSamples.read("ed318/Example_Collection.json", .ed318).zones
        #expect(zones.map(\.id) == ["NFZ6547#v1", "NFZ6547#v2", "ABC1234"])
        let options = ZoneImportOptions(
            mapping: try ZoneKindMapping.standard.overriding(restrictions: ["REQ_AUTHORIZATION": .skip]))
        let result = try ImportSamples.read("ed318/Example_Collection.json", .ed318, options: options)
        #expect(result.zones.map(\.id) == ["ABC1234"])
        #expect(result.skipped.map(\.restriction) == ["REQ_AUTHORISATION"])
    }

    @Test("the InterUSS Swiss sample: three polygons, 99999 m AGL ceilings, English names chosen")
    func swissSample() throws {
        let zones = try ImportSamples.read("ed318/cis_source_sample_ed318.json", .ed318).zones
        #expect(zones.map(\.id) == ["LSZB003", "BLns058", "LSTB002"])
        #expect(
            zones.map(\.name) == [
                "LSZB Bern-Belp 2", "Protected natural object Langmatt", "LSTB Bellechasse (Airport perimeter)",
            ])
        #expect(zones[0].band.floor == AltitudeLimit(value: 60, reference: .agl))
        #expect(zones.allSatisfy { $0.band.ceiling == AltitudeLimit(value: 99_999, reference: .agl) })
    }

    @Test("the invalid example is refused, naming the metadata date, the missing lang and the misspelt type")
    func invalidExample() {
        do {
            _ = try ImportSamples.read("ed318/InvalidExample_GeoZone_2_Layers.json", .ed318)
            Issue.record("the invalid example was accepted")
        } catch let error as BundleError {
            let fields = error.issues.map(\.field)
            #expect(fields.contains("metadata.validFrom"))
            #expect(fields.contains("properties.name[0].lang"))
            #expect(fields.contains("properties.type"))
            let type = error.issues.first { $0.field == "properties.type" }
            #expect(type?.value == "\"REQ_AUTHORISATION\"")
            #expect(type?.item == "zone 'NFZ6547'")
            #expect(type?.file == "ed318/InvalidExample_GeoZone_2_Layers.json")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    static func feature(layer: String = ED318ImportTests.layer, applicability: String = "") -> String {
        #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","#
            + #""coordinates":[13.3777,52.5163],"extent":{"subType":"Circle","radius":500},"layer":\#(layer)},"#
            + #""properties":{"identifier":"E1","name":[{"text":"Event","lang":"en-GB"}],"type":"PROHIBITED","#
            + #""reason":["EMERGENCY"]\#(applicability)}}]}"#
    }

    static let layer = #"{"upper":"400","upperReference":"WGS84","lower":null,"lowerReference":"AGL","uom":"ft"}"#

    @Test("WGS84 references, feet and string numbers in a layer")
    func wgs84Layer() throws {
        let zone = try #require(try ImportSamples.read(json: Self.feature(), .ed318).zones.first)
        #expect(
            zone.band == AltitudeBand(floor: nil, ceiling: AltitudeLimit(value: 400, unit: .feet, reference: .wgs84)))
    }

    @Test("sunrise to sunset in Berlin becomes one window per day, matching the published times to 2 minutes")
    func solarSchedule() throws {
        let applicability =
            #","limitedApplicability":[{"startDateTime":"2026-11-27T00:00:00Z","endDateTime":"2026-11-30T00:00:00Z","#
            + #""schedule":[{"day":["ANY"],"startEvent":"SR","endEvent":"SS"}]}]"#
        let zones = try ImportSamples.read(json: Self.feature(applicability: applicability), .ed318).zones
        #expect(zones.map(\.id) == ["E1#t1", "E1#t2", "E1#t3"])
        // 2026-11-28, Berlin: sunrise 07:50 CET (06:50Z), sunset 15:58 CET (14:58Z).
        let window = try #require(zones[1].activity.window)
        let sunrise = ImportSamples.time("2026-11-28T06:50:00Z"), sunset = ImportSamples.time("2026-11-28T14:58:00Z")
        #expect(abs(try #require(window.from).timeIntervalSince(sunrise)) < 120)
        #expect(abs(try #require(window.until).timeIntervalSince(sunset)) < 120)
        #expect(zones[1].activity.isActive(at: ImportSamples.time("2026-11-28T12:00:00Z")))
        #expect(!zones[1].activity.isActive(at: ImportSamples.time("2026-11-28T16:00:00Z")))
    }

    @Test("solar events without a bounded window, or both a time and an event, are refused clearly")
    func solarRefusals() {
        let open =
            #","limitedApplicability":[{"schedule":[{"day":["MON"],"startEvent":"BMCT","endTime":"12:00:00Z"}]}]"#
        let unbounded = ImportSamples.issues(json: Self.feature(applicability: open), .ed318).first
        #expect(unbounded?.problem.contains("needs startDateTime and endDateTime") == true)
        #expect(unbounded?.field == "properties.limitedApplicability[0]")
        let both =
            #","limitedApplicability":[{"startDateTime":"2026-11-27T00:00:00Z","endDateTime":"2026-11-30T00:00:00Z","#
            + #""schedule":[{"day":["MON"],"startTime":"06:00:00Z","startEvent":"SR","endEvent":"SS"}]}]"#
        #expect(
            ImportSamples.issues(json: Self.feature(applicability: both), .ed318).first?.problem
                == "give startTime or startEvent, not both")
        let unknown = both.replacingOccurrences(
            of: #""startTime":"06:00:00Z","startEvent":"SR""#, with: #""startEvent":"NOON""#)
        #expect(
            ImportSamples.issues(json: Self.feature(applicability: unknown), .ed318).first?.field
                == "properties.limitedApplicability[0].schedule[0].startEvent")
    }

    @Test("invalid layers and geometry are refused with their paths")
    func refusals() {
        func first(_ json: String) -> BundleIssue? { ImportSamples.issues(json: json, .ed318).first }
        #expect(
            first(Self.feature(layer: Self.layer.replacingOccurrences(of: "WGS84", with: "QNH")))?.field
                == "geometry.layer.upperReference")
        #expect(
            first(Self.feature(layer: Self.layer.replacingOccurrences(of: #""ft""#, with: #""km""#)))?.field
                == "geometry.layer.uom")
        let noLayer = Self.feature().replacingOccurrences(of: #","layer":\#(Self.layer)"#, with: "")
        #expect(first(noLayer)?.field == "geometry.layer")
        let square = Self.feature().replacingOccurrences(of: #""subType":"Circle""#, with: #""subType":"Square""#)
        #expect(first(square)?.field == "geometry.extent.subType")
    }
}
