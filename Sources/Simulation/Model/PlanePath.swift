import Foundation
import Geo

/// A polyline in a flat frame (metres east and north), measured along its length.
struct PlanePath: Sendable {
    let points: [PlanePoint]
    /// Distance from the first point to each point, metres.
    let cumulative: [Double]

    init(_ points: [PlanePoint]) {
        self.points = points
        var cumulative = [0.0]
        for index in points.indices.dropFirst() {
            cumulative.append(cumulative[index - 1] + PlanePath.length(points[index - 1], points[index]))
        }
        self.cumulative = cumulative
    }

    var length: Double { cumulative.last ?? 0 }

    static func length(_ a: PlanePoint, _ b: PlanePoint) -> Double { hypot(b.x - a.x, b.y - a.y) }

    /// The segment holding the point `distance` along the path (clamped to the path).
    func segment(at distance: Double) -> Int {
        var low = 0
        var high = max(points.count - 2, 0)
        while low < high {
            let middle = (low + high + 1) / 2
            if cumulative[middle] <= distance { low = middle } else { high = middle - 1 }
        }
        return low
    }

    func point(at distance: Double) -> PlanePoint {
        let clamped = min(max(distance, 0), length)
        let index = segment(at: clamped)
        let span = cumulative[index + 1] - cumulative[index]
        let f = span > 0 ? (clamped - cumulative[index]) / span : 0
        let a = points[index]
        let b = points[index + 1]
        return PlanePoint(x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f)
    }

    /// The direction of travel at `distance`, degrees clockwise from north.
    func bearing(at distance: Double) -> Double {
        let index = segment(at: min(max(distance, 0), length))
        return PlanePath.bearing(points[index], points[index + 1])
    }

    static func bearing(_ a: PlanePoint, _ b: PlanePoint) -> Double {
        let degrees = atan2(b.x - a.x, b.y - a.y) * 180 / .pi
        return degrees < 0 ? degrees + 360 : degrees
    }

    /// Where `p` lies relative to the path: the distance along it of the nearest point, and how far off it is.
    func locate(_ p: PlanePoint) -> (along: Double, offset: Double) {
        var best = (along: 0.0, offset: Double.infinity)
        for index in points.indices.dropLast() {
            let a = points[index]
            let b = points[index + 1]
            let dx = b.x - a.x
            let dy = b.y - a.y
            let span = dx * dx + dy * dy
            let f = span > 0 ? min(max(((p.x - a.x) * dx + (p.y - a.y) * dy) / span, 0), 1) : 0
            let offset = hypot(p.x - (a.x + dx * f), p.y - (a.y + dy * f))
            if offset < best.offset { best = (cumulative[index] + f * span.squareRoot(), offset) }
        }
        return best
    }
}
