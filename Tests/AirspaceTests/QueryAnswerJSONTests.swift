import Foundation
import Geo
import StrictJSON
import Testing

@testable import Airspace

/// The answers `flowgate zones query` writes byte by byte must be the very text it wrote from a tree before.
@Suite("Query answers written byte by byte")
struct QueryAnswerJSONTests {
    static let demoBundle = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Geofences/berlin-pariser-platz")

    /// The answer as it was written until the byte writer: a tree of the reasons' ``Reason/json``, the
    /// situation's members read back, and `JSONWriter` (ZonesQuery.swift before this branch).
    static func treeText(_ answer: QueryAnswer) -> String {
        var object: JSONObject = ["line": .number(answer.number)]
        switch answer.result {
        case .failure(let error):
            if let field = error.field { object["field"] = .string(field) }
            object["error"] = .string(error.problem)
        case .success(let (query, assessment)):
            object["drone"] = .string(query.drone)
            object["mission"] = .string(query.mission)
            object["time"] = .string(RFC3339.format(query.time))
            for member in treeJSON(assessment).members { object[member.key] = member.value }
        }
        return JSONWriter.write(.object(object))
    }

    /// ``Assessment/json`` as it was built before it was read back from ``Assessment/write(into:)``.
    static func treeJSON(_ assessment: Assessment) -> JSONObject {
        var object: JSONObject = [
            "verdict": .string(assessment.verdict.rawValue),
            "reasons": .array(assessment.reasons.map(\.json)),
            "warnings": .array(assessment.warnings.map(\.json)),
        ]
        for member in assessment.situationJSON.members { object[member.key] = member.value }
        return object
    }

    static func byteText(_ answers: [QueryAnswer]) -> String {
        var writer = JSONLinesWriter()
        for answer in answers { writer.object { answer.write(into: &$0) } }
        return String(decoding: writer.finish(), as: UTF8.self)
    }

    /// Queries over the demo site: a grid across it and 300 m beyond, at altitudes below, in and above the
    /// bands, in each reference, for authorised and unknown drones, inside and outside the authorisation.
    static func demoQueries() -> [String] {
        var lines: [String] = []
        let drones = ["D1", "D3", "D9", "Drohne \\\"Ü\\\" 🚁"]
        let times = ["2026-11-28T13:00:00Z", "2026-11-28T07:30:00Z", "2026-11-28T21:00:00.250+01:00"]
        for latStep in 0..<12 {
            for lonStep in 0..<12 {
                let lat = 52.5104 + Double(latStep) * 0.0013
                let lon = 13.3418 + Double(lonStep) * 0.0052
                for (index, reference) in ["AGL", "AMSL", "WGS84"].enumerated() {
                    let altitude = [15.0, 75.0, 108.5, 160.0, 260.0][(latStep + lonStep + index) % 5]
                    lines.append(
                        #"{"drone":"\#(drones[(latStep + index) % 4])","mission":"M-0412","lat":\#(lat),"#
                            + #""lon":\#(lon),"alt_m":\#(altitude),"alt_ref":"\#(reference)","#
                            + #""time":"\#(times[(lonStep + index) % 3])"}"#)
                }
            }
        }
        return lines
    }

    @Test("every answer over the demo site, and the sample file's, is the text the tree gave")
    func demoSite() throws {
        let index = AirspaceIndex(bundle: try BundleLoader.load(directory: Self.demoBundle))
        let samples = try String(contentsOf: Self.demoBundle.appendingPathComponent("queries.jsonl"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let lines = samples + Self.demoQueries()
        let answers = lines.enumerated().map { number, line in
            var line = line
            return line.withUTF8 { QueryAnswer(line: $0, number: number + 1, index: index) }
        }

        #expect(Self.byteText(answers) == answers.map { Self.treeText($0) + "\n" }.joined())
        // Breaches, warnings, every zone kind and both nearest-boundary forms are among them.
        let assessments = answers.compactMap { try? $0.result.get().assessment }
        #expect(assessments.count == lines.count - 1)
        #expect(assessments.contains { $0.verdict == .breach && !$0.warnings.isEmpty })
        #expect(Set(assessments.flatMap { $0.reasons.map(\.code) }).count >= 5)
        #expect(assessments.contains { !$0.zones.noFly.isEmpty })
        #expect(assessments.contains { !$0.zones.noCapture.isEmpty })
        #expect(assessments.contains { $0.nearestBoundary?.isInside == false })
    }

    static let awkward: [Assessment] = {
        let instant = Date(timeIntervalSince1970: 1_795_000_000.5)
        let reasons = [
            Reason(.noAuthorisation),
            Reason(.authorisationExpired, subject: "AUTH \"quoted\" \\ \u{1} \t\n", instant: instant),
            Reason(.authorisationNotYetValid, subject: "Ü🚁", instant: nil),
            Reason(.outsideOperationArea, subject: "oa", metres: nil),
            Reason(.outsideOperationArea, subject: "oa", metres: 1e-5),
            Reason(.belowFloor, subject: "oa", metres: -0.004),
            Reason(.aboveCeiling, subject: "oa", metres: 123_456_789_012_345.678),
            Reason(.inNoFly, subject: "nf", metres: .infinity),
            Reason(.nearNoFly, subject: "nf", metres: .nan, margin: 30),
            Reason(.nearNoCapture, subject: nil, metres: 0.125, margin: 12.5),
            Reason(.nearOperationAreaBoundary, subject: "", metres: 12_345_678.9, margin: -0.0),
        ]
        var zones = ZonesByKind()
        zones.operationArea = ["oa", "oa \"2\""]
        zones.noFly = ["nf\u{7f}"]
        zones.noCapture = ["nc/ü", ""]
        return [
            Assessment(
                verdict: .breach, reasons: reasons, warnings: reasons.reversed(), zones: zones,
                authorisation: "AUTH \\ 1", isAuthorisedHere: false,
                nearestBoundary: BoundaryDistance(zone: "nf \"x\"", kind: .noFly, metres: 0.005, isInside: true)),
            Assessment(
                verdict: .compliant, reasons: [], warnings: [], zones: ZonesByKind(), authorisation: nil,
                isAuthorisedHere: true,
                nearestBoundary: BoundaryDistance(zone: "oa", kind: .operationArea, metres: 1e300, isInside: false)),
            Assessment(
                verdict: .compliant, reasons: [], warnings: [reasons[9]], zones: zones, authorisation: "",
                isAuthorisedHere: true, nearestBoundary: nil),
        ]
    }()

    @Test("escapes, missing and odd numbers (tiny, huge, negative zero, not finite) are written as by the tree")
    func awkwardAssessments() {
        let query = PositionQuery(
            drone: "D\"1\"", mission: "M\\1", position: GeoPoint(latitude: 1, longitude: 2), altitude: 3,
            altitudeReference: .agl, time: Date(timeIntervalSince1970: -1.5))
        for assessment in Self.awkward {
            let answer = QueryAnswer(number: 7, result: .success((query, assessment)))
            #expect(Self.byteText([answer]) == Self.treeText(answer) + "\n")
            // As values, read back from the tree's text: a distance that is not finite was a number in the tree
            // and is written, and so read back, as null.
            let treeText = JSONWriter.write(.object(Self.treeJSON(assessment)))
            #expect(assessment.json == (try? JSONParser.parse(treeText))?.objectValue)
        }
    }

    @Test("an error answer: line, the field when there is one, and the error")
    func errorAnswers() {
        let errors = [
            QueryLineError(field: "lat", problem: "latitude 91.0 is out of range (-90...90)"),
            QueryLineError(field: nil, problem: "malformed JSON: line 1, column 2: \"quoted\" \\ \u{1}"),
            QueryLineError(field: "x_\u{e9}", problem: ""),
        ]
        for (number, error) in errors.enumerated() {
            let answer = QueryAnswer(number: number + 1_000_000, result: .failure(error))
            #expect(Self.byteText([answer]) == Self.treeText(answer) + "\n")
        }
    }
}
