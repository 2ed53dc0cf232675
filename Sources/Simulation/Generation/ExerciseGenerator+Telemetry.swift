import Foundation
import Geo
import StrictJSON

extension ExerciseGenerator {
    /// Faults that act on the whole drone, and so explain its telemetry and its payloads while they last.
    static let droneFaults: Set<FaultKind> = [
        .driftOutOfArea, .enterNoFly, .enterNoCapture, .descendBelowFloor, .gpsJump, .telemetryDropout, .clockSkew,
        .expiredAuthorisation,
    ]

    func droneFault(_ drone: DroneRun, at seconds: Double) -> ScheduledFault? {
        drone.timeline.active(seconds) { ExerciseGenerator.droneFaults.contains($0.kind) }
    }

    /// The first single-message fault due on `stream` (`nil`: telemetry) and not applied yet.
    func dueFault(_ drone: DroneRun, stream: String?, at seconds: Double, _ kinds: Set<FaultKind>) -> FaultSpec? {
        drone.timeline.faults.map(\.spec).first {
            kinds.contains($0.kind) && $0.stream == stream && $0.at <= seconds && !drone.consumed.contains($0.index)
        }
    }

    /// The mission the drone flies under at `seconds`: its own, or the one an expiry fault names.
    func mission(_ drone: DroneRun, at seconds: Double) -> String {
        if let fault = drone.timeline.active(seconds, { $0.kind == .expiredAuthorisation }),
            case .expiredAuthorisation(let mission?) = fault.spec.action
        {
            return mission
        }
        return drone.timeline.spec.mission
    }

    mutating func produceTelemetry(_ event: Event) {
        var drone = drones[event.drone]
        defer { drones[event.drone] = drone }
        let seconds = Double(event.ms) / 1000
        drone.seq += 1
        let spec = drone.timeline.spec
        let active = droneFault(drone, at: seconds)
        if active?.spec.kind == .telemetryDropout { return }
        let frame = exercise.frame
        let reported = frame.unproject(drone.timeline.reportedPoint(at: seconds))
        var skewMs = 0
        if let skew = drone.timeline.active(seconds, { $0.kind == .clockSkew }),
            case .clockSkew(let offset) = skew.spec.action
        {
            skewMs = Int((offset * 1000).rounded())
        }
        if spec.format == .mavlinkJSON, event.ms >= drone.nextHeartbeatMs {
            drone.nextHeartbeatMs = (event.ms / WireTelemetry.heartbeatInterval + 1) * WireTelemetry.heartbeatInterval
            drone.bootClockSkewMs = skewMs
            let unixTime = exercise.scenario.time(at: Double(event.ms + skewMs) / 1000)
            for (topic, object) in [
                (WireTelemetry.heartbeatTopic(drone: spec.id), WireTelemetry.heartbeat),
                (WireTelemetry.systemTimeTopic(drone: spec.id), WireTelemetry.systemTime(unixTime, ms: event.ms)),
            ] {
                emit(
                    ms: event.ms, drone: spec.id, topic: topic, bytes: MessageBuilder.bytes(object), kind: .telemetry,
                    expectation: model.absorbed(), fault: nil)
            }
        }
        // A MAVLink fix's time is its boot clock as the latest SYSTEM_TIME placed it.
        let clockSkewMs = spec.format == .mavlinkJSON ? drone.bootClockSkewMs : skewMs
        let planned = FixFacts(
            drone: spec.id, mission: mission(drone, at: seconds), seq: drone.seq,
            time: exercise.scenario.time(at: Double(event.ms + clockSkewMs) / 1000),
            position: GeoPoint(
                latitude: MessageBuilder.round(reported.latitude, 7),
                longitude: MessageBuilder.round(reported.longitude, 7)),
            altitude: MessageBuilder.round(drone.timeline.truePosition(at: seconds).altitude, 1),
            reference: drone.timeline.plan.reference)
        let wire = WireTelemetry(format: spec.format, datum: drone.timeline.datum)
        let (object, fix) = wire.message(
            planned, velocity: drone.timeline.velocity(at: seconds), battery: max(20, 98 - Int(seconds / 90)),
            ms: event.ms)
        let topic = wire.topic(drone: spec.id)
        let now = exercise.scenario.time(at: seconds)

        if let fault = dueFault(drone, stream: nil, at: seconds, [.malformedJSON, .oversizedMessage, .spoofedDroneID]) {
            drone.consumed.insert(fault.index)
            let (bytes, code) = ExerciseGenerator.corrupt(object, fault)
            emit(
                ms: event.ms, drone: spec.id, topic: topic, bytes: bytes, kind: .telemetry,
                expectation: model.rejectedTelemetry(code), fault: fault.kind.rawValue)
            return
        }
        guard !changesNear(fix, seconds: seconds) else { return }
        let bytes = MessageBuilder.bytes(object)
        let expectation = model.telemetry(fix, at: now)
        // Only a native fix's seq is the one the gateway numbers gaps by (adapters number their own way).
        let native = spec.format == .native
        emit(
            ms: event.ms, drone: spec.id, topic: topic, bytes: bytes, kind: .telemetry, expectation: expectation,
            fault: active?.spec.kind.rawValue, seq: native ? Int(exactly: fix.seq) : nil)
        if drone.historyReachMs > 0 {
            drone.history.append((event.ms, fix, bytes))
            let cutoff = event.ms - drone.historyReachMs
            if let kept = drone.history.firstIndex(where: { $0.ms >= cutoff }), kept > 0 {
                drone.history.removeFirst(kept)
            }
        }

        if let fault = dueFault(drone, stream: nil, at: seconds, [.replayedSeq]), case .replay(let back) = fault.action,
            let old = drone.history.last(where: { $0.ms <= event.ms - Int(back * 1000) })
        {
            drone.consumed.insert(fault.index)
            emit(
                ms: event.ms, drone: spec.id, topic: topic, bytes: old.bytes, kind: .telemetry,
                expectation: model.telemetry(old.fix, at: now), fault: fault.kind.rawValue,
                seq: native ? Int(exactly: old.fix.seq) : nil)
        }
    }

    /// The message broken the way a rejection fault says, and the rejection code a gateway must give it.
    static func corrupt(_ object: JSONObject, _ fault: FaultSpec) -> ([UInt8], String) {
        switch fault.action {
        case .oversized(_, let size):
            return (MessageBuilder.padded(object, to: size), "message_too_large")
        case .spoof(_, let impersonated):
            var spoofed = object
            spoofed["drone"] = .string(impersonated)
            return (MessageBuilder.bytes(spoofed), "drone_mismatch")
        default:
            return (MessageBuilder.truncated(MessageBuilder.bytes(object)), "malformed_json")
        }
    }
}
