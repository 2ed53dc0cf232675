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
        guard let root = rootItem else { return nil }
        var best: (value: Int32, metres: Double)?
        var bound = limit
        let scale = lowerBoundScale
        // A depth-first stack of (item, lower bound); each node pushes its children farthest first, so that
        // the nearest is searched first and tightens the bound early. No node holds more than `fanout`
        // children, so a level's worth each is enough.
        return withUnsafeTemporaryAllocation(of: (item: Int, lower: Double).self, capacity: stackCapacity) { stack in
            stack[0] = (root, 0)
            var top = 1
            while top > 0 {
                top -= 1
                let (item, lower) = stack[top]
                guard lower <= bound else { continue }
                if item < count {
                    guard let d = distance(value(of: item)), d <= bound else { continue }
                    if best == nil || d < best!.metres {
                        best = (value(of: item), d)
                        bound = d
                    }
                    continue
                }
                let first = top
                for child in children(of: item) {
                    let childLower = box(of: child).minimumDistance(to: point, atMost: scale)
                    guard childLower <= bound else { continue }
                    // Insertion keeps the pushed children sorted farthest first.
                    var slot = top
                    while slot > first, stack[slot - 1].lower < childLower {
                        stack[slot] = stack[slot - 1]
                        slot -= 1
                    }
                    stack[slot] = (child, childLower)
                    top += 1
                }
            }
            return best
        }
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

    /// A lower bound, in metres, on the distance from `point` to anything inside the box, with the scales
    /// taken at their smallest between the two (see ``minimumDistance(to:atMost:)``).
    public func minimumDistance(to point: GeoPoint) -> Double {
        let highest = min(90, max(abs(minLatitude), abs(maxLatitude), abs(point.latitude)))
        let scale = (WGS84.metresPerDegree(atLatitude: 0).north, WGS84.metresPerDegree(atLatitude: highest).east)
        return minimumDistance(to: point, atMost: scale)
    }

    /// A lower bound, in metres, on the distance from `point` to anything inside the box, given scales no
    /// larger than the true ones anywhere between them (see ``RTree/lowerBoundScale``); longitude gaps are
    /// taken the short way round the antimeridian.
    public func minimumDistance(to point: GeoPoint, atMost scale: (north: Double, east: Double)) -> Double {
        let dLat = max(0, minLatitude - point.latitude, point.latitude - maxLatitude)
        func gap(_ longitude: Double) -> Double { max(0, minLongitude - longitude, longitude - maxLongitude) }
        let dLon = min(gap(point.longitude - 360), gap(point.longitude), gap(point.longitude + 360))
        if dLat == 0 && dLon == 0 { return 0 }
        let x = dLon * scale.east, y = dLat * scale.north
        var bound = (x * x + y * y).squareRoot()
        // Near a pole the way over the pole can be shorter than any path the flat bound imagines.
        if point.latitude * minLatitude > 0 || point.latitude * maxLatitude > 0 {
            let poleward = point.latitude > 0 ? maxLatitude : -minLatitude
            bound = min(bound, (180 - abs(point.latitude) - min(90, poleward)) * scale.north)
        }
        return bound * 0.995  // margin for the flat approximation
    }
}
