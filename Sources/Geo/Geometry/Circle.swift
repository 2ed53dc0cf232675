/// A circle on the ellipsoid: every point within `radius` metres (geodesic) of `center`.
public struct Circle: Sendable, Hashable {
    public let center: GeoPoint
    public let radius: Double

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
    }

    /// One box, or two where the circle crosses the antimeridian. Worked out when asked (indexes ask once),
    /// so that a circle is two plain numbers and a point the query loop copies without reference counting.
    public var boundingBoxes: [BoundingBox] {
        BoundingBox(point: center).expanded(byMetres: radius * 1.001 + Circle.rimBand)
    }

    /// Within the radius, or beyond it by no more than ``Shape/boundaryTolerance``: exactly
    /// `locate(p).isInside`.
    public func contains(_ p: GeoPoint) -> Bool {
        distance(to: p) <= radius + Shape.boundaryTolerance
    }

    public func distanceToBoundary(_ p: GeoPoint) -> Double {
        abs(distance(to: p) - radius)
    }

    public func locate(_ p: GeoPoint) -> ShapeLocation {
        let d = distance(to: p)
        return ShapeLocation(isInside: d <= radius + Shape.boundaryTolerance, distanceToBoundary: abs(d - radius))
    }

    /// Metres from the centre, exact to well under the boundary tolerance near the rim.
    ///
    /// The fast plane approximation is off by up to a few parts per million, which at a few hundred metres
    /// is already the size of the tolerance: near the rim, where that decides the answer, measure with
    /// Vincenty's formula instead.
    func distance(to p: GeoPoint) -> Double {
        let approximate = Geodesic.distance(center, p)
        if abs(approximate - radius) > Circle.rimBand + approximate * Circle.approximationError {
            return approximate
        }
        return Geodesic.vincentyDistance(center, p)
    }

    /// A bound on the plane approximation's relative error (see ``Geodesic``), with room to spare.
    static let approximationError = 1e-4
    /// Metres around the rim within which the distance is always measured exactly.
    static let rimBand = 0.01
}
