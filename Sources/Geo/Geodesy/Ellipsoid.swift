import Foundation

/// The WGS84 ellipsoid and the radii of curvature derived from it.
public enum WGS84 {
    /// Semi-major axis, metres.
    public static let a = 6_378_137.0
    /// Flattening.
    public static let f = 1 / 298.257_223_563
    /// Semi-minor axis, metres.
    public static let b = a * (1 - f)
    /// First eccentricity squared.
    public static let e2 = f * (2 - f)

    /// Metres per radian of latitude at `latitude` (meridional radius of curvature M).
    public static func meridionalRadius(atLatitude latitude: Double) -> Double {
        let s = sin(latitude.radians)
        let w = 1 - e2 * s * s
        return a * (1 - e2) / (w * w.squareRoot())
    }

    /// Metres per radian of longitude at the equator of the parallel's circle (prime vertical radius N).
    public static func primeVerticalRadius(atLatitude latitude: Double) -> Double {
        let s = sin(latitude.radians)
        return a / (1 - e2 * s * s).squareRoot()
    }

    /// Metres per degree of latitude and of longitude at `latitude`.
    /// The same numbers as ``meridionalRadius(atLatitude:)`` and ``primeVerticalRadius(atLatitude:)`` give, to
    /// the bit, with one sine between them: every zone query asks this once.
    public static func metresPerDegree(atLatitude latitude: Double) -> (north: Double, east: Double) {
        let s = sin(latitude.radians)
        let w = 1 - e2 * s * s
        let north = a * (1 - e2) / (w * w.squareRoot()) * .pi / 180
        let east = a / w.squareRoot() * cos(latitude.radians) * .pi / 180
        return (north, east)
    }
}
