import Foundation
import Geo

/// A fault placed in time: when it starts and ends, seconds after the start, and for a flight away from the
/// route how long the way there takes.
struct ScheduledFault: Sendable {
    var spec: FaultSpec
    var start: Double
    var end: Double
    var ramp: Double

    func contains(_ seconds: Double) -> Bool { seconds >= start && seconds < end }

    /// How far the drone is along its way to the fault's target: 0 on the route, 1 at the target.
    func weight(at seconds: Double) -> Double {
        guard contains(seconds) else { return 0 }
        guard ramp > 0 else { return 1 }
        let into = seconds - start
        let left = end - seconds
        return min(1, into / ramp, left / ramp)
    }
}

/// One drone's flight with its faults: where it truly is (the camera looks down from there) and what its
/// telemetry reports.
struct DroneTimeline: Sendable {
    let spec: DroneSpec
    let plan: FlightPlan
    let faults: [ScheduledFault]
    let frame: LocalFrame

    init(spec: DroneSpec, faults: [FaultSpec], frame: LocalFrame, datum: VerticalDatum) {
        self.spec = spec
        self.frame = frame
        let plan = FlightPlan(route: spec.route, frame: frame)
        self.plan = plan
        self.faults = faults.filter { $0.drone == spec.id }.map { fault in
            let planned = plan.state(at: fault.at)
            switch fault.action {
            case .excursion(let target, let speed):
                let ramp = PlanePath.length(planned.point, frame.project(target)) / speed
                return ScheduledFault(
                    spec: fault, start: fault.at, end: fault.at + 2 * ramp + fault.duration, ramp: ramp)
            case .altitude(let altitude, let reference, let speed):
                let target = datum.convert(amsl: datum.amsl(altitude, reference), to: plan.reference)
                let ramp = abs(target - planned.altitude) / speed
                return ScheduledFault(
                    spec: fault, start: fault.at, end: fault.at + 2 * ramp + fault.duration, ramp: ramp)
            default:
                return ScheduledFault(spec: fault, start: fault.at, end: fault.at + fault.duration, ramp: 0)
            }
        }
        self.datum = datum
    }

    let datum: VerticalDatum

    /// The end of the drone's flight, seconds after the start.
    func stop(duration: Double) -> Double { spec.stop ?? duration }

    /// The active fault of `kind`s at `seconds`, if any.
    func active(_ seconds: Double, _ matches: (FaultSpec) -> Bool) -> ScheduledFault? {
        faults.first { $0.contains(seconds) && matches($0.spec) }
    }

    /// Where the drone truly is: its route, bent by excursions and altitude faults.
    func truePosition(at seconds: Double) -> (point: PlanePoint, altitude: Double) {
        let planned = plan.state(at: seconds)
        var point = planned.point
        var altitude = planned.altitude
        for fault in faults where fault.contains(seconds) {
            let w = fault.weight(at: seconds)
            switch fault.spec.action {
            case .excursion(let target, _):
                let goal = frame.project(target)
                point = PlanePoint(x: point.x + (goal.x - point.x) * w, y: point.y + (goal.y - point.y) * w)
            case .altitude(let target, let reference, _):
                let goal = datum.convert(amsl: datum.amsl(target, reference), to: plan.reference)
                altitude += (goal - altitude) * w
            default: continue
            }
        }
        return (point, altitude)
    }

    /// Ground speed, track and vertical speed over the last half second of true flight.
    func velocity(at seconds: Double) -> (speed: Double, track: Double, vertical: Double) {
        let now = truePosition(at: seconds)
        let before = truePosition(at: max(seconds - 0.5, 0))
        let distance = PlanePath.length(before.point, now.point)
        guard seconds > 0, distance > 0.01 else {
            let planned = plan.state(at: seconds)
            return (planned.groundSpeed, planned.track, planned.verticalSpeed)
        }
        return (distance / 0.5, PlanePath.bearing(before.point, now.point), (now.altitude - before.altitude) / 0.5)
    }

    /// What the telemetry reports: the true position, or one thrown off by a GPS jump.
    func reportedPoint(at seconds: Double) -> PlanePoint {
        let point = truePosition(at: seconds).point
        guard let jump = active(seconds, { $0.kind == .gpsJump }),
            case .jump(let distance, let bearing) = jump.spec.action
        else { return point }
        let radians = bearing * .pi / 180
        return PlanePoint(x: point.x + distance * sin(radians), y: point.y + distance * cos(radians))
    }
}
