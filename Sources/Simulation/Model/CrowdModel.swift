import Foundation
import Geo

/// A marching assembly: a body of people `length` metres long and `width` wide whose head moves along the
/// route at walking speed. Density is even in the middle of the body, thinner at its head and tail and towards
/// its sides; everything else is empty street.
struct CrowdModel: Sendable {
    let spec: CrowdSpec
    let path: PlanePath
    let frame: LocalFrame

    init(spec: CrowdSpec, frame: LocalFrame) {
        self.spec = spec
        self.frame = frame
        path = PlanePath(spec.route.map(frame.project))
    }

    /// How far along the route the head of the body is, `seconds` after the start.
    func head(at seconds: Double) -> Double { min(spec.headStart + spec.speed * seconds, path.length) }

    /// Expected people per square metre at `point`.
    func density(at point: PlanePoint, seconds: Double) -> Double {
        let (along, offset) = path.locate(point)
        let halfWidth = spec.width / 2
        let behind = head(at: seconds) - along
        guard offset <= halfWidth, behind >= 0, behind <= spec.length else { return 0 }
        let base = Double(spec.participants) / (spec.length * spec.width)
        let lengthwise = min(1, behind / (0.1 * spec.length), (spec.length - behind) / (0.2 * spec.length))
        let across = 1 - 0.5 * (offset / halfWidth) * (offset / halfWidth)
        return base * max(lengthwise, 0.05) * across
    }

    /// The direction the crowd walks at `point`, degrees from north, and its speed.
    func flow(at point: PlanePoint) -> (direction: Double, speed: Double) {
        (path.bearing(at: path.locate(point).along), spec.speed)
    }

    /// The route still ahead of the body's tail: the likely route of the assembly.
    func routeAhead(seconds: Double) -> [GeoPoint] {
        let tail = max(head(at: seconds) - spec.length, 0)
        let start = path.segment(at: tail)
        var line = [frame.unproject(path.point(at: tail))]
        for index in (start + 1)..<path.points.count { line.append(frame.unproject(path.points[index])) }
        return line.count >= 2 ? line : line + line
    }
}
