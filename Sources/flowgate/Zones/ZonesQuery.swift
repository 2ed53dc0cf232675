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
            Each input line is {"drone","mission","lat","lon","alt_m","alt_ref","time"}; alt_ref is AGL, AMSL or \
            WGS84 and time is RFC 3339. Each output line is the query's answer: the applicable zones, whether the \
            drone is authorised there, the verdict with reasons and warnings, and the nearest boundary that \
            matters. A malformed line gets an output line with "error" and the rest continue; the exit status is \
            then 1. Blank lines are skipped.
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case json, text
    }

    @OptionGroup var bundle: BundleArgument

    @Option(help: "Output format: json (one object per line, for programs) or text (for people).")
    var format: OutputFormat = .json

    func run() throws {
        let index = AirspaceIndex(bundle: try bundle.load())
        var lineNumber = 0
        var queries = 0
        var failures = 0
        while let line = readLine(strippingNewline: true) {
            lineNumber += 1
            if line.allSatisfy(\.isWhitespace) { continue }
            queries += 1
            let answer = QueryAnswer(line: line, number: lineNumber, index: index)
            if case .failure = answer.result { failures += 1 }
            print(format == .json ? JSONWriter.write(.object(answer.json)) : answer.text)
        }
        if failures > 0 {
            StandardError.print(
                "\(failures) of \(queries) query lines could not be read; see their \"error\" answers")
            throw ExitCode(1)
        }
    }
}

/// One input line and what the engine made of it.
struct QueryAnswer {
    let number: Int
    let result: Result<(query: PositionQuery, assessment: Assessment), QueryLineError>

    init(line: String, number: Int, index: AirspaceIndex) {
        self.number = number
        do {
            let query = try PositionQuery(json: try JSONParser.parse(line))
            result = .success((query, index.assess(query)))
        } catch let error as JSONParseError {
            result = .failure(QueryLineError(field: nil, problem: "malformed JSON: \(error)"))
        } catch let error as QueryLineError {
            result = .failure(error)
        } catch {
            result = .failure(QueryLineError(field: nil, problem: "\(error)"))
        }
    }

    var json: JSONObject {
        switch result {
        case .failure(let error):
            var object: JSONObject = ["line": .number(number)]
            if let field = error.field { object["field"] = .string(field) }
            object["error"] = .string(error.problem)
            return object
        case .success(let (query, assessment)):
            var object: JSONObject = [
                "line": .number(number), "drone": .string(query.drone), "mission": .string(query.mission),
                "time": .string(RFC3339.format(query.time)),
            ]
            for member in assessment.json.members { object[member.key] = member.value }
            return object
        }
    }

    var text: String {
        switch result {
        case .failure(let error):
            return "line \(number): error: \(error)"
        case .success(let (query, assessment)):
            var lines = [
                "line \(number): \(query.drone) on \(query.mission) at \(RFC3339.format(query.time)): "
                    + assessment.verdict.rawValue.uppercased()
                    + (assessment.isAuthorisedHere
                        ? ", authorised (\(assessment.authorisation ?? ""))" : ", not authorised here")
                    + (assessment.isCaptureAllowed ? "" : ", capture not allowed")
            ]
            lines += assessment.reasons.map { "    breach  \($0)" }
            lines += assessment.warnings.map { "    warning \($0)" }
            let zones = ZoneKind.allCases.compactMap { kind in
                assessment.zones[kind].isEmpty
                    ? nil : "\(kind.rawValue) \(assessment.zones[kind].joined(separator: ", "))"
            }
            if !zones.isEmpty { lines.append("    in      " + zones.joined(separator: "; ")) }
            if let nearest = assessment.nearestBoundary {
                lines.append(
                    "    nearest limit: \(nearest.kind.rawValue) \(nearest.zone), "
                        + String(format: "%.1f m", nearest.metres)
                        + (nearest.isInside ? " to leave it" : " to enter it"))
            }
            return lines.joined(separator: "\n")
        }
    }
}
