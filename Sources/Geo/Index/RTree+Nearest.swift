extension RTree {
    /// The entry nearest to `point` by a distance the caller measures, searched branch and bound: subtrees
    /// whose boxes cannot hold anything nearer than the best so far are skipped.
    /// - Parameters:
    ///   - limit: ignore entries farther than this, metres.
    ///   - distance: the true distance to an entry's shape, or `nil` to skip the entry.
    /// - Returns: the nearest entry's value and distance, or `nil` when none is within `limit`.
    public func nearest(
        to point: GeoPoint, limit: Double = .infinity, distance: (Int32) -> Double?
    ) -> (value: Int32, metres: Double)? {
        var best: (value: Int32, metres: Double)?
        var bound = limit
        var stack: [Int] = []
        if let root = rootItem { stack.append(root) }
        var scratch: [(item: Int, lower: Double)] = []
        while let item = stack.popLast() {
            if item < count {
                guard box(of: item).minimumDistance(to: point) <= bound, let d = distance(value(of: item)), d <= bound
                else { continue }
                if best == nil || d < best!.metres {
                    best = (value(of: item), d)
                    bound = d
                }
                continue
            }
            guard box(of: item).minimumDistance(to: point) <= bound else { continue }
            // Nearest child last, so that it is searched first and tightens the bound early.
            scratch.removeAll(keepingCapacity: true)
            for child in children(of: item) {
                let lower = box(of: child).minimumDistance(to: point)
                if lower <= bound { scratch.append((child, lower)) }
            }
            scratch.sort { $0.lower > $1.lower }
            stack.append(contentsOf: scratch.map(\.item))
        }
        return best
    }
}

extension BoundingBox {
    /// A quick lower bound on the distance from a point to anything in the box, for boxes near the point: the
    /// caller passes the metres per degree at the point's latitude (see ``WGS84/metresPerDegree(atLatitude:)``),
    /// and the result is shrunk by 1 % to absorb the change of scale over a few kilometres.
    public func minimumDistance(to point: GeoPoint, scale: (north: Double, east: Double)) -> Double {
        let dLat = max(0, minLatitude - point.latitude, point.latitude - maxLatitude)
        let dLon = max(0, minLongitude - point.longitude, point.longitude - maxLongitude)
        if dLat == 0 && dLon == 0 { return 0 }
        let x = dLon * scale.east, y = dLat * scale.north
        return (x * x + y * y).squareRoot() * 0.99
    }

    /// A lower bound, in metres, on the distance from `point` to anything inside the box: scales are taken
    /// at their smallest over the box's latitudes, and longitude gaps the short way round the antimeridian.
    public func minimumDistance(to point: GeoPoint) -> Double {
        let dLat = max(0, minLatitude - point.latitude, point.latitude - maxLatitude)
        var dLon = Double.infinity
        for shift in [-360.0, 0, 360] {
            let lon = point.longitude + shift
            dLon = min(dLon, max(0, minLongitude - lon, lon - maxLongitude))
        }
        if dLat == 0 && dLon == 0 { return 0 }
        // The east scale shrinks towards the poles: take it at the box's or the point's highest latitude.
        let highest = max(abs(minLatitude), abs(maxLatitude), abs(point.latitude))
        let east = WGS84.metresPerDegree(atLatitude: min(highest, 90)).east
        let north = WGS84.metresPerDegree(atLatitude: 0).north  // the smallest north scale, at the equator
        let x = dLon * east, y = dLat * north
        return (x * x + y * y).squareRoot() * 0.995  // margin for the flat approximation
    }
}
