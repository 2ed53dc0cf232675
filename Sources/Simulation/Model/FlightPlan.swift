import Foundation
import Geo

/// Where a drone is along its route at any moment: the waypoints flown in order at each leg's speed, then back
/// to the first, as a patrol loop. Altitude changes evenly along each leg.
struct FlightPlan: Sendable {
    struct State: Sendable {
        var point: PlanePoint
        var altitude: Double
        var groundSpeed: Double
        /// Degrees clockwise from north.
        var track: Double
        var verticalSpeed: Double
    }

    let path: PlanePath
    let altitudes: [Double]
    let speeds: [Double]
    /// Time at which each point of the path is reached, seconds into a loop.
    let times: [Double]
    let reference: AltitudeReference

    init(route: [Waypoint], frame: LocalFrame) {
        var points = route.map { frame.project($0.position) }
        var altitudes = route.map(\.altitude)
        points.append(points[0])
        altitudes.append(altitudes[0])
        path = PlanePath(points)
        self.altitudes = altitudes
        speeds = route.map(\.speed)
        var times = [0.0]
        for leg in route.indices {
            times.append(times[leg] + (path.cumulative[leg + 1] - path.cumulative[leg]) / speeds[leg])
        }
        self.times = times
        reference = route[0].reference
    }

    /// The planned state `seconds` after the start.
    func state(at seconds: Double) -> State {
        let loop = times.last ?? 0
        let t = loop > 0 ? seconds.truncatingRemainder(dividingBy: loop) : 0
        var leg = 0
        while leg < speeds.count - 1, times[leg + 1] <= t { leg += 1 }
        let span = times[leg + 1] - times[leg]
        let f = span > 0 ? (t - times[leg]) / span : 0
        let a = path.points[leg]
        let b = path.points[leg + 1]
        let moving = span > 0
        return State(
            point: PlanePoint(x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f),
            altitude: altitudes[leg] + (altitudes[leg + 1] - altitudes[leg]) * f,
            groundSpeed: moving ? speeds[leg] : 0, track: moving ? PlanePath.bearing(a, b) : 0,
            verticalSpeed: moving ? (altitudes[leg + 1] - altitudes[leg]) / span : 0)
    }
}
