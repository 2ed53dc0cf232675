import Foundation

/// A flat frame in metres around a reference point: east = Δlon · k_east, north = Δlat · k_north, with the
/// WGS84 scale at the reference latitude.
///
/// The map is affine in longitude and latitude, so a point is inside a ring in this frame exactly when it is
/// inside it in the longitude/latitude plane, which is how GeoJSON (RFC 7946) defines a polygon's edges.
/// Lengths drift away from the reference as the true scale changes with latitude; ``distance(_:_:)``
/// corrects for that to first order, and ``Polygon`` uses it for boundary distances.
public struct LocalFrame: Sendable, Hashable {
    public let origin: GeoPoint
    public let metresPerDegreeEast: Double
    public let metresPerDegreeNorth: Double
    /// How the east and north scales change with latitude at the origin: d ln(scale) / d latitude, per
    /// degree.
    let eastScaleSlope: Double
    let northScaleSlope: Double

    public init(origin: GeoPoint) {
        self.origin = origin
        let scale = WGS84.metresPerDegree(atLatitude: origin.latitude)
        // At a pole the east scale is zero; any positive scale keeps the map affine and invertible.
        metresPerDegreeEast = max(scale.east, 1e-3)
        metresPerDegreeNorth = scale.north
        let phi = origin.latitude.radians
        let e2sc = WGS84.e2 * sin(phi) * cos(phi) / (1 - WGS84.e2 * sin(phi) * sin(phi))
        // East scale N(φ)·cos φ: d ln/dφ = e² sin φ cos φ / (1 − e² sin² φ) − tan φ; north scale M(φ): 3 × that
        // first term.
        eastScaleSlope = (e2sc - tan(phi)) * .pi / 180
        northScaleSlope = 3 * e2sc * .pi / 180
    }

    /// The largest latitude difference, in degrees, over which ``distance(_:_:)`` trusts its first-order
    /// correction (about 30 km); beyond it, or near a pole, it measures on the ellipsoid.
    static let correctedSpan = 0.27

    /// Metres between two points of the frame along the ellipsoid: the flat distance with each axis scaled to
    /// the true scale at the pair's mid latitude (first order), within a few parts per million for spans up
    /// to ``correctedSpan``; ``Geodesic/distance(_:_:)`` beyond.
    public func distance(_ a: PlanePoint, _ b: PlanePoint) -> Double {
        let midLatitudeOffset = (a.y + b.y) / 2 / metresPerDegreeNorth
        guard abs(midLatitudeOffset) < LocalFrame.correctedSpan, abs(origin.latitude) < 80,
            abs(b.y - a.y) / metresPerDegreeNorth < LocalFrame.correctedSpan,
            abs(b.x - a.x) / metresPerDegreeEast < LocalFrame.correctedSpan
        else { return Geodesic.distance(unproject(a), unproject(b)) }
        let dx = (b.x - a.x) * (1 + eastScaleSlope * midLatitudeOffset)
        let dy = (b.y - a.y) * (1 + northScaleSlope * midLatitudeOffset)
        return (dx * dx + dy * dy).squareRoot()
    }

    public func project(_ p: GeoPoint) -> PlanePoint {
        PlanePoint(
            x: (p.longitude - origin.longitude) * metresPerDegreeEast,
            y: (p.latitude - origin.latitude) * metresPerDegreeNorth)
    }

    public func unproject(_ p: PlanePoint) -> GeoPoint {
        GeoPoint(
            latitude: origin.latitude + p.y / metresPerDegreeNorth,
            longitude: origin.longitude + p.x / metresPerDegreeEast)
    }
}

/// A point in a ``LocalFrame``, metres east and north of its origin.
public struct PlanePoint: Sendable, Hashable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}
