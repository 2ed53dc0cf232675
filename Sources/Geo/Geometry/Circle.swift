/// A circle on the ellipsoid: every point within `radius` metres (geodesic) of `center`.
public struct Circle: Sendable, Hashable {
    public let center: GeoPoint
    public let radius: Double
    /// One box, or two where the circle crosses the antimeridian.
    public let boundingBoxes: [BoundingBox]

    /// The largest radius accepted: zones are local, and a larger circle is almost surely a unit mistake.
    public static let maximumRadius = 1_000_000.0

    /// - Throws: ``GeometryIssues`` when the radius is not finite, not positive or over ``maximumRadius``.
    public init(center: GeoPoint, radius: Double) throws(GeometryIssues) {
        guard radius.isFinite, radius > 0, radius <= Circle.maximumRadius else {
            throw GeometryIssues([
                GeometryIssue(
                    path: "radius_m", value: "\(radius)",
                    problem: "radius must be a finite number of metres above 0 and at most \(Int(Circle.maximumRadius))"
                )
            ])
        }
        self.center = center
        self.radius = radius
        self.boundingBoxes = BoundingBox(point: center).expanded(byMetres: radius * 1.001)
    }

    public func contains(_ p: GeoPoint) -> Bool {
        Geodesic.distance(center, p) <= radius + Shape.boundaryTolerance
    }

    public func distanceToBoundary(_ p: GeoPoint) -> Double {
        abs(Geodesic.distance(center, p) - radius)
    }

    public func locate(_ p: GeoPoint) -> ShapeLocation {
        let d = Geodesic.distance(center, p)
        return ShapeLocation(isInside: d <= radius + Shape.boundaryTolerance, distanceToBoundary: abs(d - radius))
    }
}
