import Foundation
import Geo
public import StrictJSON

/// One line of `flowgate zones query` input and what the engine made of it: the query's assessment, or why the
/// line could not be read.
public struct QueryAnswer: Sendable {
    /// The line's number in the input, from 1, blank lines counted.
    public let number: Int
    public let result: Result<(query: PositionQuery, assessment: Assessment), QueryLineError>

    init(number: Int, result: Result<(query: PositionQuery, assessment: Assessment), QueryLineError>) {
        self.number = number
        self.result = result
    }

    /// Reads and assesses one line (its bytes without the line end).
    public init(line: UnsafeBufferPointer<UInt8>, number: Int, index: borrowing AirspaceIndex) {
        self.number = number
        do {
            let query = try PositionQuery(line: line)
            result = .success((query, index.assess(query)))
        } catch {
            result = .failure(error)
        }
    }

    public var isFailure: Bool {
        if case .failure = result { return true }
        return false
    }

    /// Writes the answer's JSON object: `line`, then `field` (when a member is at fault) and `error`, or the
    /// query's `drone`, `mission` and `time` followed by the assessment's members (``Assessment/write(into:)``).
    public func write(into object: inout JSONObjectWriter) {
        object.member("line", integer: number)
        switch result {
        case .failure(let error):
            if let field = error.field { object.member("field", string: field) }
            object.member("error", string: error.problem)
        case .success(let (query, assessment)):
            object.member("drone", string: query.drone)
            object.member("mission", string: query.mission)
            object.member("time", string: RFC3339.format(query.time))
            assessment.write(into: &object)
        }
    }

    /// The answer for people: a headline, then one indented line per breach, warning, zone kind and the nearest
    /// limit.
    public var text: String {
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
