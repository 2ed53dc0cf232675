import Foundation
import TestSupport
import Testing

@Suite("flowgate zones query on the demo bundle")
struct ZonesQueryDemoTests {
    /// The README gives distances to 0.1 m; the answer rounds to 0.01 m.
    static let distanceTolerance = 0.05

    static func runDemo(input: String? = nil) async throws -> FlowgateResult {
        try await FlowgateProcess.run(
            ["zones", "query", FlowgateProcess.demoBundle], input: try input ?? FlowgateProcess.demoQueries)
    }

    @Test("each sample line gets the answer Geofences/README.md describes", arguments: DemoAnswer.all)
    func sampleLine(expected: DemoAnswer) async throws {
        let answers = try AnswerLine.all(try await Self.runDemo())
        let answer = try #require(answers.first { $0.line == expected.line }, "no answer for line \(expected.line)")

        #expect(answer.error == nil, "\(answer.text)")
        #expect(answer.string("drone") == expected.drone)
        #expect(answer.string("mission") == "M-0412")
        #expect(answer.string("time") == expected.time)
        #expect(answer.verdict == expected.verdict)
        #expect(answer.reasons == expected.reasons)
        #expect(answer.warnings == expected.warnings)
        #expect(answer.zones("operation_area") == expected.operationAreas)
        #expect(answer.zones("no_fly") == expected.noFly)
        #expect(answer.zones("no_capture") == expected.noCapture)
        #expect(answer.bool("authorised") == expected.authorised)
        if let authorisation = expected.authorisation {
            #expect(answer.string("authorisation") == authorisation)
        } else {
            #expect(answer.isNull("authorisation"), "\(answer.text)")
        }
        #expect(answer.bool("capture_allowed") == expected.captureAllowed)
        if let nearest = expected.nearest {
            let actual = try #require(answer.nearestBoundary, "no nearest_boundary in \(answer.text)")
            #expect(actual.zone == nearest.zone)
            #expect(actual.kind == nearest.kind)
            #expect(actual.inside == nearest.inside)
            #expect(abs(actual.metres - nearest.metres) <= Self.distanceTolerance, "\(actual)")
        } else {
            #expect(answer.isNull("nearest_boundary"), "\(answer.text)")
        }
    }

    @Test("the whole sample file: one answer per line, in order; the malformed line 18 is an error; exit 1")
    func wholeSampleFile() async throws {
        let input = try FlowgateProcess.demoQueries
        let inputLines = input.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.allSatisfy(\.isWhitespace) }
        let result = try await Self.runDemo(input: input)
        let answers = try AnswerLine.all(result)

        #expect(result.status == 1)
        #expect(!result.stderr.isEmpty, "the failure should be explained on stderr")
        #expect(answers.count == inputLines.count)
        #expect(answers.map(\.line) == Array(1...inputLines.count))
        let last = try #require(answers.last)
        #expect(last.line == 18)
        #expect(last.string("field") == "lat")
        #expect(last.error == "expected a number, found string")
        #expect(last.verdict == nil)
        for answer in answers.dropLast() {
            #expect(Set(answer.object.keys) == AnswerLine.answerMembers, "\(answer.text)")
            #expect(answer.verdict == ((answer.reasons ?? []).isEmpty ? "compliant" : "breach"), "\(answer.text)")
            for kind in ["operation_area", "no_fly", "no_capture"] {
                #expect(answer.zones(kind) != nil, "zones.\(kind) missing: \(answer.text)")
            }
        }
    }

    @Test("the sample file without its malformed line exits 0 with nothing on stderr")
    func validLinesOnly() async throws {
        let valid = try FlowgateProcess.demoQueries.split(separator: "\n")
            .filter { !$0.contains(#""lat":"52.5152""#) }
        #expect(valid.count == 17)

        let result = try await Self.runDemo(input: valid.joined(separator: "\n") + "\n")

        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let answers = try AnswerLine.all(result)
        #expect(answers.map(\.line) == Array(1...17))
        #expect(answers.allSatisfy { $0.error == nil && $0.verdict != nil })
    }

    @Test("the malformed line in the middle: the run continues to the end and exits 1")
    func malformedLineInTheMiddle() async throws {
        var lines = try FlowgateProcess.demoQueries.split(separator: "\n").map(String.init)
        let malformed = lines.removeLast()
        lines.insert(malformed, at: 4)

        let result = try await Self.runDemo(input: lines.joined(separator: "\n") + "\n")
        let answers = try AnswerLine.all(result)

        #expect(result.status == 1)
        #expect(answers.map(\.line) == Array(1...18))
        #expect(answers.filter { $0.error != nil }.map(\.line) == [5])
        #expect(answers[4].string("field") == "lat")
        // The lines after it are the sample's lines 5 to 17, answered as before.
        #expect(answers[5].reasons == [Coded("below_floor", DemoAnswer.corridor)])
        #expect(answers[17].reasons == [Coded("authorisation_expired", DemoAnswer.authorisationID)])
    }
}
