/// A position on the WGS84 ellipsoid, in degrees.
///
/// Latitude is positive north, longitude positive east. A `GeoPoint` is only a pair of numbers; use
/// ``GeoPoint/validated(latitude:longitude:)`` where input comes from outside.
public struct GeoPoint: Sendable, Hashable, CustomStringConvertible {
    public var latitude: Double
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Checks that both coordinates are finite and in range.
    /// - Throws: ``CoordinateError`` naming the bad coordinate.
    public static func validated(latitude: Double, longitude: Double) throws(CoordinateError) -> GeoPoint {
        guard latitude.isFinite else { throw .notFinite(axis: .latitude, value: latitude) }
        guard longitude.isFinite else { throw .notFinite(axis: .longitude, value: longitude) }
        guard (-90.0...90.0).contains(latitude) else { throw .outOfRange(axis: .latitude, value: latitude) }
        guard (-180.0...180.0).contains(longitude) else { throw .outOfRange(axis: .longitude, value: longitude) }
        return GeoPoint(latitude: latitude, longitude: longitude)
    }

    public var description: String { "(\(latitude), \(longitude))" }

    /// `[longitude, latitude]`, the order GeoJSON files use: for messages about positions in such files.
    public var geoJSON: String { "[\(longitude), \(latitude)]" }
}

/// Why a coordinate was refused.
public enum CoordinateError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Axis: String, Sendable { case latitude, longitude }
    case notFinite(axis: Axis, value: Double)
    case outOfRange(axis: Axis, value: Double)

    public var description: String {
        switch self {
        case .notFinite(let axis, let value): "\(axis.rawValue) \(value) is not a finite number"
        case .outOfRange(let axis, let value):
            "\(axis.rawValue) \(value) is out of range (\(axis == .latitude ? "-90...90" : "-180...180"))"
        }
    }
}

extension Double {
    /// Degrees to radians.
    var radians: Double { self * .pi / 180 }
    /// Radians to degrees.
    var degrees: Double { self * 180 / .pi }
}

/// Wraps a longitude difference into -180...180 so that paths across the antimeridian stay short.
func wrappedLongitudeDelta(_ delta: Double) -> Double {
    var d = delta.truncatingRemainder(dividingBy: 360)
    if d > 180 { d -= 360 } else if d < -180 { d += 360 }
    return d
}
