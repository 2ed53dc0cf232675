import Foundation
import TestSupport
import Testing

@Suite("flowgate zones query: reading the query lines")
struct ZonesQueryInputTests {
    /// Sample line 1 of the demo: compliant in the corridor.
    static let valid =
        #"{"drone":"D1","mission":"M-0412","lat":52.5152,"lon":13.36,"alt_m":75,"alt_ref":"AGL","#
        + #""time":"2026-11-28T13:00:00Z"}"#

    /// The valid line with one member's JSON text replaced (or removed, for `nil`), or one added.
    static func valid(setting key: String, to json: String?) -> String {
        var members = [
            ("drone", #""D1""#), ("mission", #""M-0412""#), ("lat", "52.5152"), ("lon", "13.36"), ("alt_m", "75"),
            ("alt_ref", #""AGL""#), ("time", #""2026-11-28T13:00:00Z""#),
        ]
        if let index = members.firstIndex(where: { $0.0 == key }) {
            if let json { members[index].1 = json } else { members.remove(at: index) }
        } else if let json {
            members.append((key, json))
        }
        return "{" + members.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    static func query(_ input: String) async throws -> (FlowgateResult, [AnswerLine]) {
        // A generous limit: 3,000 lines through a debug build while the whole suite runs.
        let result = try await FlowgateProcess.run(
            ["zones", "query", FlowgateProcess.demoBundle], input: input, timeout: 180)
        return (result, try AnswerLine.all(result))
    }

    /// A line that cannot be read, the field the error must name (nil: none), and text the error must contain.
    struct BadLine: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var field: String?
        var error: String

        var testDescription: String { name }
    }

    static let badLines = [
        BadLine(name: "truncated JSON", text: #"{"drone":"#, field: nil, error: "malformed JSON"),
        BadLine(name: "text after the value", text: valid + " x", field: nil, error: "malformed JSON"),
        BadLine(
            name: "duplicate key", text: valid(setting: "drone", to: #""D1","drone":"D2""#), field: nil,
            error: "duplicate"),
        BadLine(name: "number too large", text: valid(setting: "alt_m", to: "1e400"), field: nil, error: "malformed"),
        BadLine(name: "an array", text: "[1, 2]", field: nil, error: "expected a JSON object"),
        BadLine(name: "a string", text: #""D1""#, field: nil, error: "expected a JSON object"),
        BadLine(
            name: "an unknown field", text: valid(setting: "speed", to: "12"), field: "speed", error: "unknown field"),
        BadLine(
            name: "an extension field (refused in queries)", text: valid(setting: "x_note", to: #""hi""#),
            field: "x_note", error: "unknown field"),
        BadLine(name: "missing drone", text: valid(setting: "drone", to: nil), field: "drone", error: "required"),
        BadLine(name: "missing time", text: valid(setting: "time", to: nil), field: "time", error: "required"),
        BadLine(name: "null mission", text: valid(setting: "mission", to: "null"), field: "mission", error: "null"),
        BadLine(
            name: "empty drone", text: valid(setting: "drone", to: #""""#), field: "drone", error: "must not be empty"),
        BadLine(name: "latitude 91", text: valid(setting: "lat", to: "91"), field: "lat", error: "91"),
        BadLine(name: "longitude -181", text: valid(setting: "lon", to: "-181"), field: "lon", error: "181"),
        BadLine(
            name: "altitude too high", text: valid(setting: "alt_m", to: "100001"), field: "alt_m", error: "100001"),
        BadLine(
            name: "lower-case reference", text: valid(setting: "alt_ref", to: #""agl""#), field: "alt_ref",
            error: "agl"),
        BadLine(
            name: "time without offset", text: valid(setting: "time", to: #""2026-11-28T13:00:00""#), field: "time",
            error: "offset"),
        BadLine(
            name: "impossible date", text: valid(setting: "time", to: #""2026-02-30T13:00:00Z""#), field: "time",
            error: "2026-02-30"),
    ]

    @Test(
        "a line that cannot be read gets an error line naming the field; the next line is still answered",
        arguments: badLines)
    func badLine(bad: BadLine) async throws {
        let (result, answers) = try await Self.query(bad.text + "\n" + Self.valid + "\n")

        #expect(result.status == 1)
        #expect(answers.count == 2)
        let error = try #require(answers.first)
        #expect(error.line == 1)
        #expect(error.verdict == nil, "\(error.text)")
        let message = try #require(error.error, "no \"error\" in \(error.text)")
        #expect(message.contains(bad.error), "\(error.text)")
        if let field = bad.field {
            #expect(error.string("field") == field, "\(error.text)")
        } else {
            #expect(error.string("field") == nil, "\(error.text)")
        }
        #expect(answers.last?.line == 2)
        #expect(answers.last?.verdict == "compliant")
    }

    @Test("blank and white-space lines are skipped but counted; exit 0 when every line was read")
    func blankLines() async throws {
        let (result, answers) = try await Self.query("\n   \n\t\n" + Self.valid + "\n\n" + Self.valid + "\n \n")

        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(answers.map(\.line) == [4, 6])
        #expect(answers.allSatisfy { $0.verdict == "compliant" })
    }

    @Test("CRLF line ends and a missing final newline are read like LF lines")
    func lineEnds() async throws {
        let (result, answers) = try await Self.query(Self.valid + "\r\n\r\n" + Self.valid + "\r\n" + Self.valid)

        #expect(result.status == 0)
        #expect(answers.map(\.line) == [1, 3, 4])
        #expect(answers.allSatisfy { $0.verdict == "compliant" })
    }

    @Test("no input: no output, exit 0")
    func emptyInput() async throws {
        let (result, answers) = try await Self.query("")

        #expect(result.status == 0)
        #expect(answers.isEmpty)
        #expect(result.stderr.isEmpty)
    }

    @Test("ids with quotes, backslashes, control characters and emoji come back as valid JSON, unchanged")
    func escaping() async throws {
        let drone = "Drohne \"Ü\" \\ \t 🚁 \u{1}"
        let line = Self.valid(setting: "drone", to: #""Drohne \"Ü\" \\ \t 🚁 \u0001""#)

        let (result, answers) = try await Self.query(line + "\n")

        #expect(result.status == 0)
        let answer = try #require(answers.first)
        #expect(answer.string("drone") == drone)
        #expect(answer.reasons == [Coded("no_authorisation", nil)])
    }

    @Test("thousands of lines: every one answered, in order, without the pipes blocking")
    func manyLines() async throws {
        let count = 3000
        let input = String(repeating: Self.valid + "\n", count: count)

        let (result, answers) = try await Self.query(input)

        #expect(result.status == 0)
        #expect(answers.count == count)
        #expect(answers.map(\.line) == Array(1...count))
    }

    // MARK: - Identifiers and counts

    /// README, "Query line": `drone` and `mission` are non-empty strings, and "non-empty string" means
    /// at least one character that is not white space (README, "JSON rules"), as in the bundle loader.
    @Test("a white-space drone or mission is refused like an empty one", arguments: ["drone", "mission"])
    func whiteSpaceIdentifier(field: String) async throws {
        let (result, answers) = try await Self.query(Self.valid(setting: field, to: #""   ""#) + "\n")

        #expect(result.status == 1)
        let answer = try #require(answers.first)
        #expect(answer.string("field") == field, "\(answer.text)")
        #expect(answer.verdict == nil, "\(answer.text)")
    }

    @Test("the failure count on stderr counts query lines, not blank lines")
    func failureCountIgnoresBlankLines() async throws {
        let (result, _) = try await Self.query("\n\n\n" + #"{"drone":"# + "\n\n" + Self.valid + "\n\n")

        #expect(result.status == 1)
        let message = result.stderr
        #expect(!message.isEmpty)
        // The wording may change; when it states "N of M query lines", M must be the 2 non-blank lines.
        if let match = message.firstMatch(of: /([0-9]+) of ([0-9]+) query lines/) {
            #expect(match.1 == "1")
            #expect(match.2 == "2", "stderr: \(message)")
        }
    }
}
