/// The horizontal extent of a zone.
public enum Shape: Sendable, Hashable {
    case polygon(Polygon)
    /// Disjoint parts; a point is inside when it is inside any part.
    case multiPolygon([Polygon])
    case circle(Circle)

    /// How close to an edge, in metres, a point counts as on it (and so inside).
    public static let boundaryTolerance = 0.001

    /// Boxes covering the shape; none of them wraps around the antimeridian.
    public var boundingBoxes: [BoundingBox] {
        switch self {
        case .polygon(let polygon): [polygon.boundingBox]
        case .multiPolygon(let parts): parts.map(\.boundingBox)
        case .circle(let circle): circle.boundingBoxes
        }
    }

    public func contains(_ p: GeoPoint) -> Bool {
        switch self {
        case .polygon(let polygon): polygon.contains(p)
        case .multiPolygon(let parts): parts.contains { $0.contains(p) }
        case .circle(let circle): circle.contains(p)
        }
    }

    /// Metres to the nearest boundary of the whole shape, from either side.
    public func distanceToBoundary(_ p: GeoPoint) -> Double {
        switch self {
        case .polygon(let polygon): polygon.distanceToBoundary(p)
        case .multiPolygon(let parts): parts.reduce(.infinity) { min($0, $1.distanceToBoundary(p)) }
        case .circle(let circle): circle.distanceToBoundary(p)
        }
    }

    /// Inside or not, and the distance to the nearest boundary of the whole shape.
    public func locate(_ p: GeoPoint) -> ShapeLocation {
        switch self {
        case .polygon(let polygon): return polygon.locate(p)
        case .circle(let circle): return circle.locate(p)
        case .multiPolygon(let parts):
            var result = ShapeLocation(isInside: false, distanceToBoundary: .infinity)
            for part in parts {
                let location = part.locate(p)
                result.isInside = result.isInside || location.isInside
                result.distanceToBoundary = min(result.distanceToBoundary, location.distanceToBoundary)
            }
            return result
        }
    }
}
