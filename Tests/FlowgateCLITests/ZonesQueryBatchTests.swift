import Foundation
import TestSupport
import Testing

/// `zones query` reads its input in chunks, answers batches of lines on `--jobs` threads and writes them in
/// batches: none of which may show in the answers.
@Suite("flowgate zones query: chunks, batches and --jobs")
struct ZonesQueryBatchTests {
    static let valid = ZonesQueryInputTests.valid

    static func query(_ input: String, _ options: [String] = []) async throws -> FlowgateResult {
        // A generous limit: thousands of lines through a debug build while the whole suite runs.
        try await FlowgateProcess.run(
            ["zones", "query"] + options + [FlowgateProcess.demoBundle], input: input, timeout: 240)
    }

    /// A few thousand lines: the demo's sample lines (one of them malformed), every kind of bad line, blank
    /// and white-space lines, CRLF ends, and a last line without a line end.
    static let mixedInput: String = {
        let samples = (try? FlowgateProcess.demoQueries.split(separator: "\n").map(String.init)) ?? []
        let bad = ZonesQueryInputTests.badLines.map(\.text)
        var lines: [String] = []
        for number in 0..<3000 {
            switch number % 10 {
            case 3: lines.append(bad[number / 10 % bad.count])
            case 6: lines.append(["", "   ", "\t", "\u{a0}"][number / 10 % 4])
            case 8: lines.append(samples[number / 10 % samples.count] + "\r")
            default: lines.append(samples[number % samples.count])
            }
        }
        return lines.joined(separator: "\n") + "\n" + valid
    }()

    @Test("--jobs 4 writes exactly what --jobs 1 writes, bad lines included, in input order")
    func jobsKeepOrder() async throws {
        let one = try await Self.query(Self.mixedInput)
        let four = try await Self.query(Self.mixedInput, ["--jobs", "4"])

        #expect(one.status == 1)
        #expect(four.status == one.status)
        #expect(four.stdout == one.stdout)
        #expect(four.stderr == one.stderr)
        let answers = try AnswerLine.all(four)
        #expect(answers.count == 2_701)
        #expect(answers.compactMap(\.line) == answers.compactMap(\.line).sorted())
        #expect(answers.last?.line == 3_001)
        #expect(answers.filter { $0.error != nil }.count == 300 + Self.sampleErrors)
    }

    /// The demo's malformed sample line, at the lines that take it.
    static var sampleErrors: Int {
        let samples = (try? FlowgateProcess.demoQueries.split(separator: "\n").map(String.init)) ?? []
        let bad = samples.firstIndex { $0.contains(#""lat":"52.5152""#) } ?? -1
        return (0..<3000).filter { number in
            switch number % 10 {
            case 3, 6: false
            case 8: number / 10 % samples.count == bad
            default: number % samples.count == bad
            }
        }.count
    }

    @Test("reads cut anywhere (one byte, inside a line, inside a CRLF) give the same answers", arguments: [1, 7, 64])
    func smallReads(size: Int) async throws {
        let input = String(Self.mixedInput.prefix(20_000))
        let whole = try await Self.query(input)
        let cut = try await Self.query(input, ["--read-size", "\(size)", "--jobs", "3"])

        #expect(cut.status == whole.status)
        #expect(cut.stdout == whole.stdout)
        #expect(cut.stderr == whole.stderr)
    }

    @Test("lines longer than a read: answered, and a bad one among them names its line and field")
    func linesLongerThanARead() async throws {
        let padding = String(repeating: " ", count: 5_000)
        let input = [
            padding + Self.valid + padding,
            ZonesQueryInputTests.valid(setting: "lat", to: #""52.5""#) + padding,
            padding,
            Self.valid,
        ].joined(separator: "\r\n")

        let result = try await Self.query(input, ["--read-size", "1000"])

        #expect(result.status == 1)
        let answers = try AnswerLine.all(result)
        #expect(answers.map(\.line) == [1, 2, 4])
        #expect(answers[0].verdict == "compliant")
        #expect(answers[1].string("field") == "lat")
        #expect(answers[1].error == "expected a number, found string")
        #expect(answers[2].verdict == "compliant")
        #expect(result.stderr.contains("1 of 3 query lines"))
    }

    @Test("a last line without a line end, after CRLF lines, is answered; a CR there is white space")
    func lastLineWithoutNewline() async throws {
        let truncated = #"{"drone":"#
        let result = try await Self.query(Self.valid + "\r\n" + truncated + "\r\n" + truncated + "\r")

        let answers = try AnswerLine.all(result)
        #expect(answers.map(\.line) == [1, 2, 3])
        // The CR of a CRLF goes with the line end; a last CR stays, one column further.
        #expect(answers[1].error == "malformed JSON: line 1, column 10: unexpected end of input, expected a value")
        #expect(answers[2].error == "malformed JSON: line 1, column 11: unexpected end of input, expected a value")
    }

    @Test("--jobs outside 1 to 64 is refused before the bundle is read", arguments: ["0", "65", "-1"])
    func jobsOutOfRange(jobs: String) async throws {
        let result = try await Self.query(Self.valid + "\n", ["--jobs=\(jobs)"])

        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("--jobs must be 1 to 64"), "\(result.stderr)")
    }
}
