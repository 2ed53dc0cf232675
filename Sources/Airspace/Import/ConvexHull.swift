import Geo

/// The convex hull of positions in the longitude/latitude plane, where GeoJSON draws its straight edges.
///
/// It is the repair for an invalid outline of a restrictive zone: whatever a self-intersecting ring, a hole
/// outside its polygon or an unclosed ring was meant to enclose, every point of it lies inside the hull of
/// its positions, so the repaired zone covers at least the intended area.
enum ConvexHull {
    /// The hull's corners counter-clockwise, without a closing repeat and without collinear corners; `nil`
    /// when the positions are all on one line.
    static func of(_ points: [GeoPoint]) -> [GeoPoint]? {
        let sorted = Set(points).sorted { ($0.longitude, $0.latitude) < ($1.longitude, $1.latitude) }
        guard sorted.count >= 3 else { return nil }
        func cross(_ o: GeoPoint, _ a: GeoPoint, _ b: GeoPoint) -> Double {
            (a.longitude - o.longitude) * (b.latitude - o.latitude)
                - (a.latitude - o.latitude) * (b.longitude - o.longitude)
        }
        // Andrew's monotone chain: the lower hull left to right, then the upper hull right to left.
        var hull: [GeoPoint] = []
        for pass in [sorted, sorted.reversed()] {
            let floor = hull.count
            for point in pass {
                while hull.count >= floor + 2, cross(hull[hull.count - 2], hull[hull.count - 1], point) <= 0 {
                    hull.removeLast()
                }
                hull.append(point)
            }
            hull.removeLast()  // the next chain starts with it
        }
        return hull.count >= 3 ? hull : nil
    }

    /// The net area a ring encloses as written, square metres (shoelace: the parts of a self-intersecting
    /// ring that wind the other way subtract).
    static func area(_ ring: [GeoPoint], in frame: LocalFrame) -> Double {
        let plane = ring.map(frame.project)
        var sum = 0.0
        for i in plane.indices {
            let a = plane[i], b = plane[(i + 1) % plane.count]
            sum += a.x * b.y - b.x * a.y
        }
        return abs(sum) / 2
    }
}
