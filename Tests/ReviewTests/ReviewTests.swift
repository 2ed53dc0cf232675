import Audit
import Foundation
import Review
import StrictJSON
import TestSupport
import Testing

@Suite("Review over a recorded run")
struct ReviewTests {
    let folder: TemporaryFolder
    let path: String

    init() async throws {
        folder = try TemporaryFolder()
        path = folder.path("audit.sqlite")
        try await RecordedExercise.write(to: path)
    }

    private func run(_ filter: RecordFilter = RecordFilter()) throws -> RecordedRun {
        try RecordedRun(reader: AuditReader(path: path), filter: filter)
    }

    @Test("summary: time flown and in breach, forwarded, redacted, blocked by reason, suspensions")
    func summary() throws {
        let summaries = RunSummary.build(try run())
        #expect(summaries.map(\.drone) == ["D1", "D2", RecordedExercise.oddDrone])
        let d1 = summaries[0]
        #expect(d1.mission == "M1")
        #expect(d1.secondsFlown == 11)  // 0-9 s and 30-32 s; the 21 s silence is not flying
        #expect(d1.secondsInBreach == 3)
        #expect((d1.forwarded, d1.redacted, d1.blocked, d1.suspensions) == (40, 2, 4, 1))
        #expect(d1.blockedByReason == ["identification_product": 2, "stream_suspended": 1, "malformed_json": 1])
        #expect((summaries[1].secondsFlown, summaries[1].forwarded, summaries[1].blocked) == (4, 7, 0))
        #expect(RunSummary.text(summaries).contains("blocked identification_product: 2"))
    }

    @Test("filters: drone, mission and the time interval [from, to)")
    func filters() throws {
        #expect(RunSummary.build(try run(RecordFilter(drone: "D2"))).map(\.drone) == ["D2"])
        #expect(RunSummary.build(try run(RecordFilter(mission: "M2"))).map(\.drone) == ["D2"])
        let window = RunSummary.build(
            try run(RecordFilter(drone: "D1", from: RecordedExercise.time(5), to: RecordedExercise.time(9))))
        #expect(window.count == 1)
        #expect(window.first?.secondsFlown == 3)  // fixes 5, 6, 7, 8
        #expect(window.first?.secondsInBreach == 2)  // from the fixes at 5 and 6
        #expect(window.first?.blocked == 4)
        #expect(window.first?.redacted == 0)
    }

    @Test("timeline: events and decisions in order, as text and as JSON lines")
    func timeline() throws {
        let entries = Timeline.entries(try run())
        #expect(entries.map(\.kind).filter { $0 == "decision" }.count == 6)
        #expect(zip(entries, entries.dropFirst()).allSatisfy { $0.seq < $1.seq })
        let text = Timeline.text(entries)
        #expect(text.split(separator: "\n").count == entries.count)
        #expect(text.contains("suspension  D1/M1/cam1  by gateway: identification_product"))
        #expect(text.contains("breach_started: in_no_fly"))
        let lines = Timeline.jsonLines(entries).split(separator: "\n")
        #expect(lines.count == entries.count)
        for line in lines { #expect(try JSONParser.parse(String(line)).objectValue?["seq"] != nil) }
    }

    @Test("GeoJSON export: a LineString per track segment, a Point per violation")
    func geoJSON() throws {
        let document = try JSONParser.parse(Exports.geoJSON(try run()))
        let features = try #require(document["features"]?.arrayValue)
        let lines = features.filter { $0["geometry"]?["type"]?.stringValue == "LineString" }
        let points = features.filter { $0["properties"]?["feature"]?.stringValue == "violation" }
        #expect(lines.count == 6)  // D1: compliant, breach, compliant, after the silence; D2; D<9>&
        #expect(points.count == 4)  // breach, identification_product (2 merged), malformed_json, suspension
        let breach = try #require(lines.first { $0["properties"]?["state"]?.stringValue == "breach" })
        #expect(breach["geometry"]?["coordinates"]?.arrayValue?.count == 4)  // joined to the fix before it
        let merged = try #require(points.first { $0["properties"]?["reasons"] == .array(["identification_product"]) })
        #expect(merged["properties"]?["count"]?.doubleValue == 2)
    }

    @Test("CSV export: a header, one row per fix and one per violation")
    func csv() throws {
        let rows = Exports.csv(try run()).split(separator: "\r\n")
        #expect(rows.first == "type,drone,mission,stream,time,end_time,lat,lon,alt_m,state,reasons,count")
        #expect(rows.filter { $0.hasPrefix("track,") }.count == 20)
        #expect(rows.filter { $0.hasPrefix("violation,") }.count == 4)
    }
}
