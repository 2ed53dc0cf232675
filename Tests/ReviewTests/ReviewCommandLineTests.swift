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
}
