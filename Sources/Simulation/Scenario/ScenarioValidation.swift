import Airspace
import Foundation
import Geo

/// Checks a scenario against its site, so that the ground truth is unambiguous: routes stay compliant and
/// outside no-capture zones, cameras stay well under the pixel-density ceiling, and each fault really does
/// what it is named for.
struct ScenarioValidation {
    let exercise: Exercise
    var scenario: Scenario { exercise.scenario }

    /// Compliant cameras stay this far under the ceiling; a zoom fault goes at least this far over it.
    static let compliantPixelDensity = 60.0
    static let faultPixelDensity = 100.0

    func issue(_ field: String, _ value: String, _ problem: String) -> ScenarioIssue {
        ScenarioIssue(file: scenario.file, field: field, value: value, problem: problem)
    }

    func issues() -> [ScenarioIssue] {
        var issues: [ScenarioIssue] = []
        for (index, timeline) in exercise.timelines.enumerated() {
            issues += check(timeline, path: "drones[\(index)]")
        }
        for fault in scenario.faults {
            guard let timeline = exercise.timelines.first(where: { $0.spec.id == fault.drone }) else { continue }
            if let problem = check(fault, timeline) {
                issues.append(issue("faults[\(fault.index)]", "\"\(fault.kind.rawValue)\"", problem))
            }
        }
        return issues
    }

    func codes(
        _ timeline: DroneTimeline, _ point: PlanePoint, altitude: Double, seconds: Double, mission: String? = nil
    )
        -> Assessment
    {
        exercise.airspace.assess(
            PositionQuery(
                drone: timeline.spec.id, mission: mission ?? timeline.spec.mission,
                position: exercise.frame.unproject(point), altitude: altitude,
                altitudeReference: timeline.plan.reference, time: scenario.time(at: seconds)))
    }

    /// Every point of the route, every 10 m, is compliant and outside no-capture zones when the drone starts
    /// and when it stops (or its authorisation is scripted to run out).
    func check(_ timeline: DroneTimeline, path: String) -> [ScenarioIssue] {
        let route = timeline.spec.route
        if let mixed = route.firstIndex(where: { $0.reference != route[0].reference }) {
            return [
                issue(
                    "\(path).route[\(mixed)].alt_ref", "\"\(route[mixed].reference.rawValue)\"",
                    "every waypoint of a route uses the same altitude reference as the first")
            ]
        }
        var issues: [ScenarioIssue] = []
        for (index, stream) in timeline.spec.streams.enumerated() {
            if let sensor = stream.sensor, sensor.pixelDensity() > ScenarioValidation.compliantPixelDensity {
                issues.append(
                    issue(
                        "\(path).streams[\(index)].sensor", String(format: "%.1f px/m", sensor.pixelDensity()),
                        "a compliant camera must stay at or under \(Int(ScenarioValidation.compliantPixelDensity)) px/m"
                    ))
            }
        }
        let expiry = timeline.faults.filter { $0.spec.kind == .expiredAuthorisation }.map(\.start).min()
        let times = [0, min(expiry.map { $0 - 5 } ?? .infinity, timeline.stop(duration: scenario.duration))]
        let plan = timeline.plan
        for leg in route.indices {
            let from = plan.path.cumulative[leg]
            let length = plan.path.cumulative[leg + 1] - from
            let steps = max(Int(length / 10), 1)
            for step in 0...steps {
                let point = plan.path.point(at: from + length * Double(step) / Double(steps))
                let altitude =
                    plan.altitudes[leg] + (plan.altitudes[leg + 1] - plan.altitudes[leg]) * Double(step) / Double(steps)
                for seconds in times {
                    let assessment = codes(timeline, point, altitude: altitude, seconds: seconds)
                    let problems = assessment.reasons.map(\.code.rawValue) + assessment.zones.noCapture
                    guard problems.isEmpty else {
                        let at = exercise.frame.unproject(point)
                        issues.append(
                            issue(
                                "\(path).route[\(leg)]", String(format: "(%.6f, %.6f)", at.latitude, at.longitude),
                                "the leg from this waypoint is not compliant at "
                                    + "\(RFC3339.format(scenario.time(at: seconds))): \(problems.joined(separator: ", "))"
                            ))
                        return issues
                    }
                }
            }
        }
        return issues
    }

    /// Why a fault would not do what its name says, or `nil`.
    func check(_ fault: FaultSpec, _ timeline: DroneTimeline) -> String? {
        if fault.at >= timeline.stop(duration: scenario.duration) { return "at_s is after drone \(fault.drone) lands" }
        let planned = timeline.plan.state(at: fault.at)
        let stream = fault.stream.flatMap { name in timeline.spec.streams.first { $0.name == name } }
        switch fault.action {
        case .excursion(let target, _):
            let assessment = codes(
                timeline, exercise.frame.project(target), altitude: planned.altitude, seconds: fault.at)
            let reasons = assessment.reasons.map(\.code.rawValue)
            switch fault.kind {
            case .driftOutOfArea where !reasons.contains("outside_operation_area"):
                return "the target (params.lat, params.lon) is inside an operation area: no drift out of it"
            case .enterNoFly where assessment.zones.noFly.isEmpty:
                return "the target (params.lat, params.lon) is in no active no-fly zone"
            case .enterNoCapture where assessment.zones.noCapture.isEmpty || !reasons.isEmpty:
                return "the target (params.lat, params.lon) must be in a no-capture zone and otherwise compliant"
                    + " (found: \((reasons + assessment.zones.noCapture).joined(separator: ", ")))"
            default: return nil
            }
        case .altitude(let altitude, let reference, _):
            let assessment = exercise.airspace.assess(
                PositionQuery(
                    drone: fault.drone, mission: timeline.spec.mission,
                    position: exercise.frame.unproject(planned.point), altitude: altitude, altitudeReference: reference,
                    time: scenario.time(at: fault.at)))
            return assessment.reasons.contains { $0.code == .belowFloor }
                ? nil : "params.alt_m is not below the floor of the operation area there"
        case .zoom(_, let zoom):
            guard let sensor = stream?.sensor else { return "the stream has no sensor to zoom" }
            return sensor.pixelDensity(zoom: zoom) >= ScenarioValidation.faultPixelDensity
                ? nil : "params.zoom gives only \(Int(sensor.pixelDensity(zoom: zoom))) px/m; zoom in further"
        case .smuggle:
            return stream?.product == "crowd_flow" ? nil : "a track id is smuggled into a crowd_flow stream"
        case .smallCount:
            return ["crowd_density", "crowd_flow"].contains(stream?.product ?? "")
                ? nil : "a small-count cell needs a crowd_density or crowd_flow stream"
        case .expiredAuthorisation(let mission):
            let assessment = codes(
                timeline, planned.point, altitude: planned.altitude, seconds: fault.at + 3, mission: mission)
            return assessment.reasons.contains { $0.code == .authorisationExpired }
                ? nil : "the drone's authorisation for that mission has not ended at at_s"
        default: return nil
        }
    }
}
