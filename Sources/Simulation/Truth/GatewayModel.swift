import Airspace
import Foundation
import Geo

/// The limits of the default policy that the ground truth assumes (the gateway's defaults).
public struct GatewayLimits: Sendable, Hashable {
    public var maximumSpeed = 40.0
    public var maximumClockAhead = 2.0
    public var maximumClockBehind = 30.0
    public var maximumFixAge = 5.0
    public var pixelDensityCeiling = 80.0

    public init() {}
}

/// A decoded telemetry fix as the gateway would read it: the numbers exactly as written.
struct FixFacts: Sendable {
    var drone: String
    var mission: String
    var seq: UInt64
    var time: Date
    var position: GeoPoint
    var altitude: Double
    var reference: AltitudeReference
}

/// The verdict and reasons a correct gateway gives one message.
struct Expectation: Sendable, Hashable {
    var verdict: ExpectedVerdict
    var reasons: [String]
}

/// What a correct gateway knows while an exercise runs: each drone's last accepted fix and its compliance, and
/// which streams are suspended. It follows the rules of PRODUCT.md at the default policy (the telemetry rules
/// exactly as `TelemetryEngine` applies them), independently of the gateway's code, so that the scorecard
/// checks the gateway rather than repeating it.
struct GatewayModel: Sendable {
    struct DroneState: Sendable {
        var lastSeq: UInt64
        /// The reference the next fix's speed is measured from: the last fix without an integrity problem.
        var referenceTime: Date
        var referencePosition: GeoPoint
        /// Breach codes of the last accepted fix.
        var breaches: [String]
        /// Gateway time at which the last accepted fix arrived.
        var received: Date
        var mission: String
        var inNoCapture: Bool
        var fix: FixFacts
        /// The own time of the fix that restarted the drone's count, if one did.
        var countSince: Date?
    }

    let airspace: AirspaceIndex
    let limits: GatewayLimits
    private(set) var drones: [String: DroneState] = [:]
    /// Suspended streams (`drone/stream`) and the fault that made each suspended.
    private(set) var suspended: [String: String] = [:]

    init(airspace: AirspaceIndex, limits: GatewayLimits = GatewayLimits()) {
        self.airspace = airspace
        self.limits = limits
    }

    func assessment(of fix: FixFacts, mission: String? = nil, at time: Date) -> Assessment {
        airspace.assess(
            PositionQuery(
                drone: fix.drone, mission: mission ?? fix.mission, position: fix.position, altitude: fix.altitude,
                altitudeReference: fix.reference, time: time))
    }

    /// A telemetry message that cannot be decoded or attributed.
    func rejectedTelemetry(_ code: String) -> Expectation { Expectation(verdict: .block, reasons: [code]) }

    /// A status message the gateway reads and keeps (a MAVLink HEARTBEAT's armed state): nothing to publish,
    /// nothing wrong.
    func absorbed() -> Expectation { Expectation(verdict: .absorb, reasons: []) }

    /// A decoded fix arriving at `now`: replays are withheld; everything else is forwarded with its breaches.
    mutating func telemetry(_ fix: FixFacts, at now: Date) -> Expectation {
        let previous = drones[fix.drone]
        // A reboot in the air: a lower count with a newer own time inside the clock limits, starting low.
        let skewNow = fix.time.timeIntervalSince(now)
        let restart =
            previous.map {
                fix.seq <= $0.lastSeq && fix.time > $0.fix.time && skewNow <= limits.maximumClockAhead
                    && -skewNow <= limits.maximumClockBehind
                    && (fix.seq < $0.lastSeq / 2 || fix.seq <= 16 && $0.lastSeq > 32)
            } ?? false
        let beforeRestart = previous?.countSince.map { fix.time < $0 } ?? false
        if let previous, fix.seq <= previous.lastSeq && !restart || beforeRestart {
            return Expectation(verdict: .block, reasons: ["replayed_seq"])
        }
        let assessment = assessment(of: fix, at: now)
        var integrity: [String] = []
        let skew = fix.time.timeIntervalSince(now)
        if skew > limits.maximumClockAhead {
            integrity.append("clock_ahead")
        } else if -skew > limits.maximumClockBehind {
            integrity.append("clock_behind")
        }
        if let previous {
            let metres = Geodesic.distance(previous.referencePosition, fix.position)
            let elapsed = fix.time.timeIntervalSince(previous.referenceTime)
            let speed = elapsed > 0 ? metres / elapsed : (metres > 1 ? .infinity : 0)
            if speed > limits.maximumSpeed { integrity.append("implausible_speed") }
        }
        let breaches = unique(integrity + assessment.reasons.map(\.code.rawValue))
        let keepsReference = integrity.isEmpty || previous == nil
        drones[fix.drone] = DroneState(
            lastSeq: fix.seq, referenceTime: keepsReference ? fix.time : previous!.referenceTime,
            referencePosition: keepsReference ? fix.position : previous!.referencePosition, breaches: breaches,
            received: now, mission: fix.mission, inNoCapture: !assessment.zones.noCapture.isEmpty, fix: fix,
            countSince: restart ? fix.time : previous?.countSince)
        return Expectation(verdict: .forward, reasons: breaches)
    }

    /// The live join for a payload of `drone` on `stream` arriving at `now`: a suspended stream stays blocked;
    /// otherwise the content's own codes and the drone's present compliance decide.
    /// - Parameters:
    ///   - content: codes the content itself earns (identification, optics, aggregation).
    ///   - identification: whether the content identifies persons, which suspends the stream.
    ///   - fault: the fault to blame for a suspension.
    mutating func payload(
        drone: String, stream: String, mission: String, content: [String], identification: Bool, fault: String?,
        time: Date, at now: Date
    ) -> (Expectation, suspendedBy: String?) {
        let key = "\(drone)/\(stream)"
        if let cause = suspended[key] {
            return (Expectation(verdict: .block, reasons: ["stream_suspended"]), cause)
        }
        var reasons = content
        // The payload's own time is held to telemetry's clock limits.
        let skew = time.timeIntervalSince(now)
        if skew > limits.maximumClockAhead { reasons.append("payload_clock_ahead") }
        if -skew > limits.maximumClockBehind { reasons.append("payload_clock_behind") }
        if let state = drones[drone] {
            // A fix is as old as the earlier of its own time stamp and its arrival.
            if now.timeIntervalSince(min(state.received, state.fix.time)) > limits.maximumFixAge {
                reasons.append("fix_stale")
            } else {
                reasons += state.breaches
                if state.inNoCapture { reasons.append("in_no_capture") }
                if state.mission != mission { reasons.append("mission_mismatch") }
            }
        } else {
            reasons.append("no_fix")
        }
        if identification { suspended[key] = fault ?? "identification" }
        reasons = unique(reasons)
        let verdict: ExpectedVerdict =
            reasons.contains { $0 != "small_count_suppressed" } ? .block : reasons.isEmpty ? .forward : .redact
        return (Expectation(verdict: verdict, reasons: reasons), nil)
    }

    private func unique(_ codes: [String]) -> [String] {
        var seen: Set<String> = []
        return codes.filter { seen.insert($0).inserted }
    }
}
