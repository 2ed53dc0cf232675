import Foundation
import TestSupport
import Testing

@Suite("flowgate zones check")
struct ZonesCheckTests {
    @Test("the demo bundle is valid: exit 0 and a one-line summary with the zone counts")
    func demoBundleIsValid() async throws {
        let result = try await FlowgateProcess.run(["zones", "check", FlowgateProcess.demoBundle])

        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let summary = try #require(result.stdoutLines.first)
        #expect(result.stdoutLines.count == 1)
        #expect(summary.hasPrefix("\(FlowgateProcess.demoBundle): valid."))
        #expect(summary.contains("Site 'Berlin"))
        #expect(summary.contains("7 zones (2 operation_area, 2 no_fly, 3 no_capture)"))
        #expect(summary.hasSuffix("1 authorisation."))
    }

    /// One deliberate mistake and what the problem line must say about it.
    struct Mistake {
        var file: String
        var item: String
        var field: String
        /// Text the printed value must contain.
        var value: String
        /// Text the printed rule must contain.
        var problem: String

        /// `FILE: ITEM: FIELD = `, the start of the problem line.
        var prefix: String { "\(file): \(item): \(field) = " }
    }

    /// Four mistakes in two files: each must be reported, on its own line, and nothing else.
    static let mistakes = [
        Mistake(
            file: "zones.geojson", item: "zone 'nf-rescue-landing-site'", field: "geometry.coordinates[0]",
            value: "13.3651", problem: "not closed"),
        Mistake(
            file: "zones.geojson", item: "zone 'nc-st-hedwig'", field: "properties.id", value: "\"nc-st-hedwig\"",
            problem: "duplicate id"),
        Mistake(
            file: "zones.geojson", item: "zone 'nf-charite-helipad'", field: "properties.margin", value: "100",
            problem: "unknown field"),
        Mistake(
            file: "authorisations.json", item: "authorisation 'AUTH-2026-11-28-M-0412'", field: "justification",
            value: "(missing)", problem: "required"),
    ]

    /// Makes the four ``mistakes`` in a copy of the demo bundle.
    static func breakBundle(_ bundle: TemporaryBundle) throws {
        // The rescue landing site's ring ends 0.0001° east of where it starts.
        try bundle.replace(in: "zones.geojson", "[13.365, 52.5151]\n", with: "[13.3651, 52.5151]\n")
        // The clinic takes the cathedral's id.
        try bundle.replace(in: "zones.geojson", "nc-clinic-unter-den-linden", with: "nc-st-hedwig")
        // A misspelt member.
        try bundle.replace(in: "zones.geojson", "\"margin_m\": 100", with: "\"margin\": 100")
        try bundle.removeLines(in: "authorisations.json", containing: "\"justification\"")
    }

    /// Checks that standard error lists exactly the ``mistakes``, one `FILE: ITEM: FIELD = VALUE: PROBLEM`
    /// line each, under a header naming the bundle and the count.
    static func expectEveryMistakeReported(_ result: FlowgateResult, bundle: String) {
        let lines = result.stderrLines
        #expect(lines.first == "\(bundle): \(mistakes.count) problems:")
        let problems = lines.dropFirst()
        #expect(problems.count == mistakes.count, "expected one line per mistake, got:\n\(result.stderr)")
        for mistake in mistakes {
            let matching = problems.filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix(mistake.prefix) }
            #expect(matching.count == 1, "no single line starting with \(mistake.prefix) in:\n\(result.stderr)")
            guard let line = matching.first else { continue }
            let rest = line.trimmingCharacters(in: .whitespaces).dropFirst(mistake.prefix.count)
            #expect(rest.contains(mistake.value), "value \(mistake.value) missing: \(line)")
            #expect(rest.contains(mistake.problem), "problem '\(mistake.problem)' missing: \(line)")
        }
    }

    @Test("a bundle broken in four ways: exit 1, every problem on stderr with file, item, field and value")
    func brokenBundleReportsEveryProblem() async throws {
        try await TemporaryBundle.withDemoCopy(named: "broken bundle") { bundle in
            try Self.breakBundle(bundle)

            let result = try await FlowgateProcess.run(["zones", "check", bundle.path])

            #expect(result.status == 1)
            #expect(result.stdout.isEmpty)
            Self.expectEveryMistakeReported(result, bundle: bundle.path)
        }
    }

    @Test("zones query refuses a broken bundle the same way and answers nothing")
    func queryRefusesBrokenBundle() async throws {
        try await TemporaryBundle.withDemoCopy { bundle in
            try Self.breakBundle(bundle)

            let result = try await FlowgateProcess.run(
                ["zones", "query", bundle.path], input: try FlowgateProcess.demoQueries)

            #expect(result.status == 1)
            #expect(result.stdout.isEmpty)
            Self.expectEveryMistakeReported(result, bundle: bundle.path)
        }
    }

    @Test("a JSON syntax error and a missing file are both reported, with line, column and path")
    func syntaxErrorAndMissingFile() async throws {
        try await TemporaryBundle.withDemoCopy { bundle in
            try bundle.write("site.json", "{\n  \"name\": \"trailing comma\",\n}\n")
            try bundle.remove("authorisations.json")

            let result = try await FlowgateProcess.run(["zones", "check", bundle.path])

            #expect(result.status == 1)
            #expect(result.stdout.isEmpty)
            #expect(result.stderrLines.first == "\(bundle.path): 2 problems:")
            #expect(result.stderrLines.contains { $0.contains("site.json: line 3, column 1 = (JSON): ") })
            #expect(
                result.stderrLines.contains {
                    $0.contains("authorisations.json: ")
                        && $0.contains(bundle.url.appendingPathComponent("authorisations.json").path)
                })
        }
    }

    @Test("a site value out of range names the file, field and value")
    func siteValueOutOfRange() async throws {
        try await TemporaryBundle.withDemoCopy { bundle in
            try bundle.replace(in: "site.json", "\"geoid_undulation_m\": 39.6", with: "\"geoid_undulation_m\": 200")

            let result = try await FlowgateProcess.run(["zones", "check", bundle.path])

            #expect(result.status == 1)
            #expect(result.stdout.isEmpty)
            #expect(result.stderrLines.count == 2)
            #expect(result.stderrLines.first == "\(bundle.path): 1 problem:")
            let problem = try #require(result.stderrLines.last)
            #expect(problem.hasPrefix("  site.json: geoid_undulation_m = 200: "), "\(problem)")
            #expect(problem.contains("120"), "the rule should state the range: \(problem)")
        }
    }
}
