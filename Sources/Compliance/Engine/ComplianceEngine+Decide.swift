public import Foundation

extension ComplianceEngine {
    /// Decides about one observation made at `now` (the gateway's clock): the one entry point, for every format,
    /// live and in replay.
    public mutating func decide(_ observation: Observation, at now: Date) -> Decision {
        switch observation {
        case .fix(let fix, let cameras):
            let decision = judge(fix, now: now)
            // A replayed fix changes nothing, not even the camera it reports.
            if let cameras, !decision.findings.contains(where: { $0.code == .integrity(.replayedSeq) }) {
                reportedOptics.byDrone[fix.drone] = cameras
            }
            return decision
        case .payload(let bytes, let drone, let stream):
            return processPayload(bytes, drone: drone, stream: stream, now: now)
        case .identification(let tags, let drone, let stream):
            return processIdentification(tags: tags, drone: drone, stream: stream, now: now)
        case .sensor(let sensor, let drone, let stream):
            return processSensor(sensor, drone: drone, stream: stream, now: now)
        case .status(let drone):
            return absorb(drone: drone)
        case .releaseOrder(let order, let retained):
            return obey(order, retained: retained, now: now)
        case .unreadable(let rejection, let drone, let stream):
            return refuse(rejection, drone: drone, stream: stream, now: now)
        case .unreadableOrder(let rejection):
            return refuseOrder(rejection, now: now)
        }
    }

    /// Decides about a message in the native formats on the policy's topics: what the pipeline does for them,
    /// for callers that hold the engine alone (tests, the engine benchmark).
    public mutating func process(topic: String, payload: some Collection<UInt8>, receivedAt now: Date) -> Decision {
        decide(NativeFormat(policy: policy, decoder: decoder).observation(topic: topic, payload: payload), at: now)
    }
}
