import Foundation
import FoundationXML
import TestSupport
import Testing

@Suite("flowgate review on the command line")
struct ReviewCommandLineTests {
    @Test("review summary and report run on a recorded database, the report finding the recorded bundle")
    func review() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("audit.sqlite")
        try await RecordedExercise.write(to: path)
        let summary = try await FlowgateProcess.run(["review", "summary", path, "--drone", "D1"])
        #expect(summary.status == 0)
        #expect(summary.stdout.contains("D1       M1         11s          3s           40"))
        let reportPath = folder.path("report.html")
        let report = try await FlowgateProcess.run(["review", "report", path, "--out", reportPath])
        #expect(report.status == 0)
        let html = try String(contentsOfFile: reportPath, encoding: .utf8)
        _ = try XMLDocument(xmlString: html, options: [])
        #expect(html.contains("Zones from"))
        #expect(html.contains("class=\"zone\""))
        let export = try await FlowgateProcess.run(["review", "export", path, "--format", "csv", "--mission", "M2"])
        #expect(export.stdout.split(separator: "\r\n").count == 6)  // header and D2's five fixes
    }

    @Test("summary, timeline, export and report merge several records (one per gateway instance) by time")
    func severalRecords() async throws {
        let folder = try TemporaryFolder()
        let (first, second) = (folder.path("gw-a.sqlite"), folder.path("gw-b.sqlite"))
        try await RecordedExercise.write(to: first)
        try await RecordedExercise.write(to: second)
        let export = try await FlowgateProcess.run([
            "review", "export", first, second, "--format", "csv", "--mission", "M2",
        ])
        #expect(export.status == 0, "\(export.stderr)")
        let rows = export.stdout.split(separator: "\r\n").dropFirst()
        #expect(rows.count == 10, "D2's five fixes from each record")
        let times = rows.map { $0.split(separator: ",").first.map(String.init) ?? "" }
        #expect(times == times.sorted(), "merged in time order")
        let timeline = try await FlowgateProcess.run(["review", "timeline", first, second])
        #expect(timeline.status == 0, "\(timeline.stderr)")
        let single = try await FlowgateProcess.run(["review", "timeline", first])
        #expect(timeline.stdout.split(separator: "\n").count > single.stdout.split(separator: "\n").count)
        let summary = try await FlowgateProcess.run(["review", "summary", first, second])
        #expect(summary.status == 0)
        // Both instances' tallies count: D1's 40 forwarded in one record are 80 in the two.
        #expect(summary.stdout.contains("D1       M1         11s          3s           80"), "\(summary.stdout)")
        // The report merges them too, with each chain's own verdict.
        let report = try await FlowgateProcess.run(["review", "report", first, second, "--out", folder.path("r.html")])
        #expect(report.status == 0, "\(report.stderr)")
        let html = try String(contentsOfFile: folder.path("r.html"), encoding: .utf8)
        _ = try XMLDocument(xmlString: html, options: [])
        #expect(html.contains("Integrity of \(first): intact"))
        #expect(html.contains("Integrity of \(second): intact"))
        let singleReport = try await FlowgateProcess.run(["review", "report", first, "--out", folder.path("one.html")])
        #expect(singleReport.status == 0)
        let one = try String(contentsOfFile: folder.path("one.html"), encoding: .utf8)
        #expect(one.contains("<strong>Integrity: intact</strong>"))
        #expect(html.count > one.count, "both records' tracks and events are drawn")
        let broken = try await FlowgateProcess.run(["review", "summary", first, folder.path("missing.sqlite")])
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("missing.sqlite"))
    }
}
