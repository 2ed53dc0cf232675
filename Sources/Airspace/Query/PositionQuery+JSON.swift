import Foundation
import Geo
public import StrictJSON

extension PositionQuery {
    /// The fields a query line may carry.
    public static let jsonKeys: Set<String> = ["drone", "mission", "lat", "lon", "alt_m", "alt_ref", "time"]

    /// Reads `{"drone","mission","lat","lon","alt_m","alt_ref","time"}`.
    /// - Throws: ``QueryLineError`` naming the first field that is missing, mistyped or out of range.
    public init(json: JSONValue) throws(QueryLineError) {
        guard let object = json.objectValue else {
            throw QueryLineError(field: nil, problem: "expected a JSON object, found \(json.typeName)")
        }
        if let unknown = object.keys.first(where: { !PositionQuery.jsonKeys.contains($0) }) {
            throw QueryLineError(
                field: unknown,
                problem: "unknown field (known: \(PositionQuery.jsonKeys.sorted().joined(separator: ", ")))")
        }
        func string(_ key: String) throws(QueryLineError) -> String {
            guard let value = object[key] else { throw QueryLineError(field: key, problem: "is required") }
            guard let text = value.stringValue else {
                throw QueryLineError(field: key, problem: "expected a string, found \(value.typeName)")
            }
            guard !text.allSatisfy(\.isWhitespace) else {
                throw QueryLineError(field: key, problem: "must not be empty or blank")
            }
            return text
        }
        func number(_ key: String) throws(QueryLineError) -> Double {
            guard let value = object[key] else { throw QueryLineError(field: key, problem: "is required") }
            guard let number = value.doubleValue else {
                throw QueryLineError(field: key, problem: "expected a number, found \(value.typeName)")
            }
            return number
        }
        let drone = try string("drone")
        let mission = try string("mission")
        let lat = try number("lat")
        let lon = try number("lon")
        let position: GeoPoint
        do {
            position = try GeoPoint.validated(latitude: lat, longitude: lon)
        } catch {
            throw QueryLineError(field: error.axis == .latitude ? "lat" : "lon", problem: error.description)
        }
        let altitude = try number("alt_m")
        guard (-1_000...100_000).contains(altitude) else {
            throw QueryLineError(field: "alt_m", problem: "\(altitude) is outside -1000...100000 m")
        }
        let referenceText = try string("alt_ref")
        guard let reference = AltitudeReference(rawValue: referenceText) else {
            throw QueryLineError(field: "alt_ref", problem: "'\(referenceText)' is not AGL, AMSL or WGS84")
        }
        let timeText = try string("time")
        let time: Date
        do {
            time = try RFC3339.parse(timeText)
        } catch {
            throw QueryLineError(field: "time", problem: error.description)
        }
        self.init(
            drone: drone, mission: mission, position: position, altitude: altitude, altitudeReference: reference,
            time: time)
    }
}

/// Why a query could not be read.
public struct QueryLineError: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: String?
    public var problem: String

    public init(field: String?, problem: String) {
        self.field = field
        self.problem = problem
    }

    public var description: String { field.map { "\($0): \(problem)" } ?? problem }
}

extension CoordinateError {
    var axis: Axis {
        switch self {
        case .notFinite(let axis, _), .outOfRange(let axis, _): axis
        }
    }
}
