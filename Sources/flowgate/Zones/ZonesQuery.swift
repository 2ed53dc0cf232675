import Airspace
import ArgumentParser
import Foundation
import Geo
import StrictJSON

struct ZonesQuery: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Answer position queries read as JSON lines on standard input.",
        discussion: """
            Each input line is {"drone","mission","lat","lon","alt_m","alt_ref","time"}. Each output line is the \
            query's answer: the applicable zones, whether the drone is authorised there, the verdict with reasons \
            and warnings, and the nearest boundary that matters. A malformed line gets an output line with \
            "error" and the rest continue; the exit status is then 1.
            """
    )

    @OptionGroup var bundle: BundleArgument

    func run() throws {
        let index = AirspaceIndex(bundle: try bundle.load())
        var lineNumber = 0
        var failures = 0
        var output = ""
        while let line = readLine(strippingNewline: true) {
            lineNumber += 1
            if line.allSatisfy(\.isWhitespace) { continue }
            output.removeAll(keepingCapacity: true)
            JSONWriter.write(
                .object(Self.answer(line, number: lineNumber, index: index, failures: &failures)), into: &output)
            print(output)
        }
        if failures > 0 {
            StandardError.print("\(failures) of the query lines could not be read; see the \"error\" lines")
            throw ExitCode(1)
        }
    }

    static func answer(_ line: String, number: Int, index: AirspaceIndex, failures: inout Int) -> JSONObject {
        let query: PositionQuery
        do {
            query = try PositionQuery(json: try JSONParser.parse(line))
        } catch let error as JSONParseError {
            failures += 1
            return ["line": .number(number), "error": .string("malformed JSON: \(error)")]
        } catch let error as QueryLineError {
            failures += 1
            return [
                "line": .number(number), "field": error.field.map(JSONValue.string) ?? .null,
                "error": .string(error.problem),
            ]
        } catch {
            failures += 1
            return ["line": .number(number), "error": .string("\(error)")]
        }
        var result: JSONObject = [
            "line": .number(number), "drone": .string(query.drone), "mission": .string(query.mission),
            "time": .string(RFC3339.format(query.time)),
        ]
        for member in index.assess(query).json.members { result[member.key] = member.value }
        return result
    }
}
