import Airspace
import Foundation
import Geo
import Testing

@Suite("Import: RFC 3339 schedule times with fractions and offsets, converted to UTC")
struct ImportTimeTests {
    static func ed318(_ schedule: String, window: String = "") -> String {
        ED318ImportTests.feature(applicability: #","limitedApplicability":[{\#(window)"schedule":[\#(schedule)]}]"#)
    }

    static func ed269(_ period: String) -> String {
        ED269ImportTests.zone(applicability: #"[{"permanent":"NO","dailyPeriod":[\#(period)]}]"#)
    }

    /// 2026-06-01 is a Monday.
    static func at(_ text: String) -> Date { ImportSamples.time(text) }

    @Test("17:00:00.00Z to 18:30:00.5Z on Mondays: fractions read, the end widened to the next whole second")
    func fractions() throws {
        let json = Self.ed318(#"{"day":["MON"],"startTime":"17:00:00.00Z","endTime":"18:30:00.5Z"}"#)
        let result = try ImportSamples.read(json: json, .ed318)
        let activity = try #require(result.zones.first).activity
        #expect(activity.schedule?.periods.map { "\($0.start)-\($0.end)" } == ["17:00-18:30:01"])
        #expect(activity.isActive(at: Self.at("2026-06-01T17:00:00Z")))
        #expect(activity.isActive(at: Self.at("2026-06-01T18:30:00Z")))
        #expect(!activity.isActive(at: Self.at("2026-06-01T16:59:59Z")))
        #expect(
            result.report.entries[0].notes == [
                "properties.limitedApplicability[0].schedule[0]: MON 17:00:00.00Z-18:30:00.5Z is MON 17:00-18:30:01 UTC"
            ])
    }

    @Test("MON 00:00:00.00+01:00 to 06:00+01:00 is Sunday 23:00 to Monday 05:00 UTC")
    func offsetMovesToTheDayBefore() throws {
        let json = Self.ed318(#"{"day":["MON"],"startTime":"00:00:00.00+01:00","endTime":"06:00:00+01:00"}"#)
        let activity = try #require(try ImportSamples.read(json: json, .ed318).zones.first).activity
        #expect(activity.isActive(at: Self.at("2026-05-31T23:00:00Z")))
        #expect(activity.isActive(at: Self.at("2026-06-01T04:59:59Z")))
        #expect(!activity.isActive(at: Self.at("2026-06-01T05:00:00Z")))
        #expect(!activity.isActive(at: Self.at("2026-05-31T22:59:59Z")))
    }

    @Test("SUN 22:00-23:30 at -02:00 is Monday 00:00 to 01:30 UTC: past the week's end")
    func offsetMovesPastTheWeek() throws {
        let json = Self.ed318(#"{"day":["SUN"],"startTime":"22:00:00-02:00","endTime":"23:30:00-02:00"}"#)
        let activity = try #require(try ImportSamples.read(json: json, .ed318).zones.first).activity
        #expect(
            activity.schedule?.periods.map { "\($0.days.map(\.code)) \($0.start)-\($0.end)" } == [
                "[\"MON\"] 00:00-01:30"
            ])
        #expect(activity.isActive(at: Self.at("2026-06-01T01:00:00Z")))
        #expect(!activity.isActive(at: Self.at("2026-05-31T23:00:00Z")))
    }

    @Test("a start with an offset and no end runs to the end of the same local day")
    func missingEndTakesTheOffset() throws {
        let json = Self.ed318(#"{"day":["TUE"],"startTime":"20:00:00+02:00"}"#)
        let activity = try #require(try ImportSamples.read(json: json, .ed318).zones.first).activity
        #expect(activity.isActive(at: Self.at("2026-06-02T21:59:59Z")))
        #expect(!activity.isActive(at: Self.at("2026-06-02T22:00:00Z")))
    }

    @Test("ED-269 daily periods take offsets too, and times without one stay UTC")
    func ed269Periods() throws {
        let offset = try ImportSamples.read(
            json: Self.ed269(#"{"day":["MON"],"startTime":"00:30:00+01:00","endTime":"02:00:00+01:00"}"#), .ed269)
        let activity = try #require(offset.zones.first).activity
        #expect(activity.isActive(at: Self.at("2026-05-31T23:30:00Z")))
        #expect(!activity.isActive(at: Self.at("2026-06-01T01:00:00Z")))
        let bare = try ImportSamples.read(
            json: Self.ed269(#"{"day":["MON"],"startTime":"08:00","endTime":"09:00:00"}"#), .ed269)
        #expect(try #require(bare.zones.first).activity.isActive(at: Self.at("2026-06-01T08:30:00Z")))
    }

    @Test(
        "invalid times are refused with the file, the zone, the field path and the value",
        arguments: [
            ("25:00:00Z", "hour 25"), ("12:60:00Z", "minute 60"), ("12:00:00+24:00", "offset hour 24"),
            ("soon", "expected hh:mm:ss"),
        ])
    func invalid(_ value: String, _ problem: String) throws {
        let json = Self.ed318(#"{"day":["MON"],"startTime":"08:00:00Z","endTime":"\#(value)"}"#)
        let issue = try #require(ImportSamples.issues(json: json, .ed318).first)
        #expect(issue.file == "test.json")
        #expect(issue.item == "zone 'E1'")
        #expect(issue.field == "properties.limitedApplicability[0].schedule[0].endTime")
        #expect(issue.value == "\"\(value)\"")
        #expect(issue.problem.contains(problem))
    }
}
