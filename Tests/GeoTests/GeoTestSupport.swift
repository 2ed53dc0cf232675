import Foundation
import Geo
import Testing

/// Shorthand for a point, latitude first as people say it.
func point(_ latitude: Double, _ longitude: Double) -> GeoPoint {
    GeoPoint(latitude: latitude, longitude: longitude)
}

/// The point `north` and `east` metres from `origin`, using the WGS84 scale at `origin`.
///
/// Exact enough for the offsets the tests use (metres to a few kilometres): the error grows with the square of
/// the offset and stays far below the tolerances the tests assert.
func offset(_ origin: GeoPoint, north: Double = 0, east: Double = 0) -> GeoPoint {
    let scale = WGS84.metresPerDegree(atLatitude: origin.latitude)
    return GeoPoint(
        latitude: origin.latitude + north / scale.north,
        longitude: origin.longitude + east / scale.east)
}

/// A longitude folded back into -180...180.
func wrapLongitude(_ longitude: Double) -> Double {
    var l = longitude.truncatingRemainder(dividingBy: 360)
    if l > 180 { l -= 360 } else if l < -180 { l += 360 }
    return l
}

/// A closed GeoJSON ring from corners given as (latitude, longitude) pairs.
func ring(_ corners: [(Double, Double)]) -> [GeoPoint] {
    let points = corners.map { point($0.0, $0.1) }
    return points + [points[0]]
}

/// The absolute difference between two numbers is at most `tolerance`.
func isClose(_ actual: Double, _ expected: Double, within tolerance: Double) -> Bool {
    abs(actual - expected) <= tolerance
}

/// A rectangle given by its south-west and north-east corners, wound counter-clockwise.
func rectangle(south: Double, west: Double, north: Double, east: Double) -> [GeoPoint] {
    ring([(south, west), (south, east), (north, east), (north, west)])
}

/// Decodes the GeographicLib reference distances in `Fixtures/geodesic_reference.json`.
struct GeodesicReference: Decodable, Sendable, CustomTestStringConvertible {
    let label: String
    let lat1: Double
    let lon1: Double
    let lat2: Double
    let lon2: Double
    let s12: Double

    var start: GeoPoint { point(lat1, lon1) }
    var end: GeoPoint { point(lat2, lon2) }

    var testDescription: String { "\(label): (\(lat1), \(lon1)) -> (\(lat2), \(lon2)), \(s12) m" }

    private struct File: Decodable {
        let cases: [GeodesicReference]
    }

    /// Every case in the fixture; fails loudly when the resource is missing so no test passes on nothing.
    static let all: [GeodesicReference] = {
        guard
            let url = Bundle.module.url(
                forResource: "geodesic_reference", withExtension: "json", subdirectory: "Fixtures"),
            let data = try? Data(contentsOf: url),
            let file = try? JSONDecoder().decode(File.self, from: data)
        else { fatalError("Fixtures/geodesic_reference.json is missing or unreadable") }
        return file.cases
    }()
}
