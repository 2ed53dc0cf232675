/// A flat frame in metres around a reference point: east = Δlon · k_east, north = Δlat · k_north, with the
/// WGS84 scale at the reference latitude.
///
/// The map is affine in longitude and latitude, so a point is inside a ring in this frame exactly when it is
/// inside it in the longitude/latitude plane, which is how GeoJSON (RFC 7946) defines a polygon's edges.
/// Lengths are only approximate far from the reference; ``Polygon`` refines its boundary distances with
/// ``Geodesic/distance(_:_:)``.
public struct LocalFrame: Sendable, Hashable {
    public let origin: GeoPoint
    public let metresPerDegreeEast: Double
    public let metresPerDegreeNorth: Double

    public init(origin: GeoPoint) {
        self.origin = origin
        let scale = WGS84.metresPerDegree(atLatitude: origin.latitude)
        // At a pole the east scale is zero; any positive scale keeps the map affine and invertible.
        metresPerDegreeEast = max(scale.east, 1e-3)
        metresPerDegreeNorth = scale.north
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
