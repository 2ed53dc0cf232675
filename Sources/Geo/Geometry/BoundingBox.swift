/// An axis-aligned box in degrees. Longitudes never wrap inside one box: a shape that crosses the antimeridian
/// is described by two boxes (see ``Shape/boundingBoxes``).
public struct BoundingBox: Sendable, Hashable {
    public var minLongitude: Double
    public var minLatitude: Double
    public var maxLongitude: Double
    public var maxLatitude: Double

    public init(minLongitude: Double, minLatitude: Double, maxLongitude: Double, maxLatitude: Double) {
        self.minLongitude = minLongitude
        self.minLatitude = minLatitude
        self.maxLongitude = maxLongitude
        self.maxLatitude = maxLatitude
    }

    /// The box around one point.
    public init(point: GeoPoint) {
        self.init(
            minLongitude: point.longitude, minLatitude: point.latitude,
            maxLongitude: point.longitude, maxLatitude: point.latitude)
    }

    /// The smallest box holding every point; `nil` for no points.
    public init?(points: some Sequence<GeoPoint>) {
        var iterator = points.makeIterator()
        guard let first = iterator.next() else { return nil }
        self.init(point: first)
        while let p = iterator.next() {
            minLongitude = min(minLongitude, p.longitude)
            maxLongitude = max(maxLongitude, p.longitude)
            minLatitude = min(minLatitude, p.latitude)
            maxLatitude = max(maxLatitude, p.latitude)
        }
    }

    public func contains(_ p: GeoPoint) -> Bool {
        p.longitude >= minLongitude && p.longitude <= maxLongitude && p.latitude >= minLatitude
            && p.latitude <= maxLatitude
    }

    public func intersects(_ other: BoundingBox) -> Bool {
        other.minLongitude <= maxLongitude && other.maxLongitude >= minLongitude
            && other.minLatitude <= maxLatitude && other.maxLatitude >= minLatitude
    }

    public func union(_ other: BoundingBox) -> BoundingBox {
        BoundingBox(
            minLongitude: min(minLongitude, other.minLongitude), minLatitude: min(minLatitude, other.minLatitude),
            maxLongitude: max(maxLongitude, other.maxLongitude), maxLatitude: max(maxLatitude, other.maxLatitude))
    }

    public var center: GeoPoint {
        GeoPoint(latitude: (minLatitude + maxLatitude) / 2, longitude: (minLongitude + maxLongitude) / 2)
    }

    /// The boxes covering every point within `metres` of this box. Near a pole the box grows to every
    /// longitude; across the antimeridian it is split in two so that no box ever wraps.
    public func expanded(byMetres metres: Double) -> [BoundingBox] {
        guard metres > 0 else { return [self] }
        let dLat = metres / WGS84.metresPerDegree(atLatitude: 0).north
        let south = max(-90, minLatitude - dLat)
        let north = min(90, maxLatitude + dLat)
        let reachesPole = north >= 90 || south <= -90
        // Points within reach lie as far poleward as the grown box does, where a degree of longitude is
        // shortest: the east scale there bounds the longitude they can span.
        let scale = WGS84.metresPerDegree(atLatitude: max(abs(south), abs(north)))
        let dLon = scale.east > 1e-6 ? metres / scale.east * 1.001 : 360
        if reachesPole || dLon >= 180 {
            return [BoundingBox(minLongitude: -180, minLatitude: south, maxLongitude: 180, maxLatitude: north)]
        }
        return BoundingBox.splittingAtAntimeridian(
            west: minLongitude - dLon, south: south, east: maxLongitude + dLon, north: north)
    }

    /// Boxes for a longitude span that may run past ±180, folded back into -180...180.
    static func splittingAtAntimeridian(west: Double, south: Double, east: Double, north: Double) -> [BoundingBox] {
        if east - west >= 360 {
            return [BoundingBox(minLongitude: -180, minLatitude: south, maxLongitude: 180, maxLatitude: north)]
        }
        if west < -180 {
            return [
                BoundingBox(minLongitude: -180, minLatitude: south, maxLongitude: east, maxLatitude: north),
                BoundingBox(minLongitude: west + 360, minLatitude: south, maxLongitude: 180, maxLatitude: north),
            ]
        }
        if east > 180 {
            return [
                BoundingBox(minLongitude: west, minLatitude: south, maxLongitude: 180, maxLatitude: north),
                BoundingBox(minLongitude: -180, minLatitude: south, maxLongitude: east - 360, maxLatitude: north),
            ]
        }
        return [BoundingBox(minLongitude: west, minLatitude: south, maxLongitude: east, maxLatitude: north)]
    }
}
