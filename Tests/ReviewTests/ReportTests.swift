import Airspace
import Audit
import Foundation
import FoundationXML
import Review
import TestSupport
import Testing

@Suite("HTML report")
struct ReportTests {
    @Test("the report is well-formed, self-contained, and shows every drone, violation and the verdict")
    func report() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("audit.sqlite")
        try await RecordedExercise.write(to: path)
        let run = try RecordedRun(reader: AuditReader(path: path), filter: RecordFilter())
        let bundle = try BundleLoader.load(directory: URL(fileURLWithPath: RecordedExercise.bundle, isDirectory: true))
        let verdict = try ChainVerifier.verify(path: path)
        let html = HTMLReport(
            title: "Test <report>", scope: path, verdict: verdict, bundle: bundle, bundleNote: "zones"
        )
        .render(run)

        let document = try XMLDocument(xmlString: html, options: [])
        #expect(document.rootElement()?.name == "html")
        #expect(!html.contains("src="))
        #expect(!html.contains("href="))
        #expect(!html.contains("<script"))
        #expect(!html.contains("@import"))
        #expect(html.contains("Integrity: intact"))
        #expect(html.contains("Test &lt;report&gt;"))
        for drone in ["D1", "D2", "D&lt;9&gt;&amp;"] { #expect(html.contains(">\(drone)<")) }
        #expect(!html.contains(RecordedExercise.oddDrone))
        let violations = Violation.find(in: run)
        #expect(violations.count == 4)
        for (index, violation) in violations.enumerated() {
            #expect(html.contains("<title>\(violation.label(number: index + 1))</title>"))
        }
        #expect(html.components(separatedBy: "class=\"violation\"").count - 1 == 4)
        #expect(html.components(separatedBy: "class=\"zone\"").count - 1 == bundle.zones.count)
        #expect(html.contains("b1d5") && html.contains("c0nf") && html.contains("policy-1"))
    }

    @Test("a broken chain is flagged at the top of the report")
    func brokenVerdict() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("audit.sqlite")
        try await RecordedExercise.write(to: path)
        try RawSQL.execute(
            path, "UPDATE audit_record SET body = replace(body, '52.5', '48.1') WHERE kind = 'track' AND seq = 5")
        let verdict = try ChainVerifier.verify(path: path)
        let html = HTMLReport(title: "r", scope: path, verdict: verdict, bundle: nil, bundleNote: "none")
            .render(try RecordedRun(reader: AuditReader(path: path), filter: RecordFilter()))
        #expect(html.contains("Integrity: NOT INTACT"))
        #expect(html.contains("seq 5: modified"))
        _ = try XMLDocument(xmlString: html, options: [])
    }
}
