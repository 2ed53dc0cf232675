public import Airspace
import Crypto
import Foundation
import Geo

/// The compliance of telemetry: decodes each message, checks it against the airspace and the drone's own
/// history, and says what to publish. Pure: time is an argument, nothing is read or written but its own
/// per-drone state, so the live gateway and `flowgate replay` run the very same code.
///
/// A value type with one owner: the gateway keeps it inside one actor, replay in one loop.
public struct ComplianceEngine: Sendable {
    /// The zones and authorisations in force; a reload replaces them between two messages
    /// (``useAirspace(_:now:)``).
    public internal(set) var airspace: AirspaceIndex
    public let policy: CompliancePolicy
    let decoder: TelemetryDecoder
    let inspector: PayloadInspector
    var drones: [String: DroneRecord] = [:]
    /// Each drone's integrity problems while they last (``integrityEvents(_:_:showsPosition:endsOthers:now:)``).
    var integrityEpisodes: [String: [IntegrityCode: IntegrityEpisode]] = [:]
    /// Streams latched after they carried identification data, until an operator releases them.
    public internal(set) var suspensions: [StreamKey: Suspension] = [:]
    /// The block reasons of each stream's last message, to report a block once per change, not per message.
    var streamBlocks: [StreamKey: [FindingCode]] = [:]
    /// Camera geometry the adapters reported (DJI payload objects per drone, KLV packets per stream), which
    /// completes the sensor of the drone's imagery.
    var reportedOptics = ReportedOptics()
    /// Checks that release orders come from the operators they name.
    var authenticator: ReleaseAuthenticator

    public init(airspace: AirspaceIndex, policy: CompliancePolicy = CompliancePolicy()) {
        self.airspace = airspace
        self.policy = policy
        decoder = TelemetryDecoder(maximumBytes: policy.maximumBytes)
        inspector = PayloadInspector(policy: policy.payload)
        authenticator = ReleaseAuthenticator(
            keys: policy.operatorKeys.compactMapValues { try? Curve25519.Signing.PublicKey(rawRepresentation: $0) })
    }

    /// Assesses a decoded fix: airspace and authorisation, then the drone's integrity, then transitions.
    mutating func judge(_ fix: TelemetryFix, now: Date) -> Decision {
        let previous = drones[fix.drone]
        let restarted = previous.map { fix.seq <= $0.lastSeq && isRestart(fix, after: $0, now: now) } ?? false
        // After a restart, a message of the count before it (higher seq, older time) is a replay too.
        let beforeRestart = previous?.countSince.map { fix.time < $0 } ?? false
        if let previous, fix.seq <= previous.lastSeq && !restarted || beforeRestart {
            // A replay changes nothing: the drone's state stays what the newest fix made it.
            let finding = Finding(
                .integrity(.replayedSeq), severity: .breach,
                facts: .replay(seq: fix.seq, lastAccepted: previous.lastSeq, beforeRestart: beforeRestart))
            // The event names the replay but does not carry its position: a withheld fix stays withheld. A replay
            // ends no other problem: its own time and position are not judged.
            let events = integrityEvents(fix, [finding], showsPosition: false, endsOthers: false, now: now)
            return Decision(
                verdict: .withhold, drone: fix.drone, state: .breach, findings: [finding], rejection: nil,
                events: events, mission: fix.mission)
        }
        // Zones and authorisations apply as of the gateway's clock, which the drone cannot set.
        let assessment = airspace.assess(
            PositionQuery(
                drone: fix.drone, mission: fix.mission, position: fix.position, altitude: fix.altitude,
                altitudeReference: fix.altitudeReference, time: now))
        let integrity = integrityFindings(fix, previous: previous, now: now)
        let breaches = integrity + assessment.reasons.map { Finding($0, severity: .breach) }
        let warnings = assessment.warnings.map { Finding($0, severity: .warning) }
        let state: ComplianceState = !breaches.isEmpty ? .breach : !warnings.isEmpty ? .warning : .compliant

        let verdict: Decision.Verdict = state == .breach && policy.withholdBreaches ? .withhold : .forward
        let (breachEvents, breach) = breachTransitions(fix, previous: previous?.breach, breaches: breaches, now: now)
        var events = breachEvents
        events += transitions(fix, previous: previous, breaches: breaches, warnings: warnings, now: now)
        events += integrityEvents(fix, integrity, showsPosition: true, endsOthers: true, now: now)
        if restarted, let previous {
            let finding = Finding(
                .integrity(.seqRestarted), severity: .warning, facts: .restart(seq: fix.seq, after: previous.lastSeq))
            events.append(EngineEvent(.seqRestarted, .fix(fix, showsPosition: true), findings: [finding], time: now))
        }
        // An implausible fix (a jump, a clock far off) is not the reference the next fix is measured from: one
        // glitch would otherwise condemn the good fix after it. Its sequence number counts all the same.
        let reference =
            integrity.isEmpty || previous == nil
            ? (fix.time, fix.position) : (previous!.lastTime, previous!.lastPosition)
        let datum = airspace.bundle.site.datum
        drones[fix.drone] = DroneRecord(
            lastSeq: fix.seq, lastTime: reference.0, lastPosition: reference.1, state: state, breach: breach,
            breachKeys: Set(breaches.map(\.key)),
            recentWarnings: recentWarnings(warnings, previous: previous, now: now), receivedAt: now,
            fixTime: fix.time, countSince: restarted ? fix.time : previous?.countSince,
            mission: fix.mission, breaches: breaches, noCapture: assessment.zones.noCapture,
            heightAboveGround: datum.convert(amsl: datum.amsl(fix.altitude, fix.altitudeReference), to: .agl))
        return Decision(
            verdict: verdict, drone: fix.drone, state: state, findings: breaches + warnings, rejection: nil,
            events: events,
            egress: verdict == .forward ? .telemetry(fix, assessment, checkedAt: now) : nil,
            mission: fix.mission, fix: fix)
    }

    /// A drone that rebooted in the air counts again from low: a `seq` at or below the last accepted one is a
    /// restart, not a replay, when the fix's own time is newer than the last accepted fix's and within the clock
    /// limits, and the count starts low (under half the last, as MAVLink's `time_boot_ms` after a reboot, or at
    /// most 16 after more than 32). A replay carries its old time, and stays withheld.
    func isRestart(_ fix: TelemetryFix, after previous: DroneRecord, now: Date) -> Bool {
        let skew = fix.time.timeIntervalSince(now)
        return fix.time > previous.fixTime && skew <= policy.maximumClockAhead && -skew <= policy.maximumClockBehind
            && (fix.seq < previous.lastSeq / 2 || fix.seq <= 16 && previous.lastSeq > 32)
    }

    func integrityFindings(_ fix: TelemetryFix, previous: DroneRecord?, now: Date) -> [Finding] {
        var findings: [Finding] = []
        let skew = fix.time.timeIntervalSince(now)
        if skew > policy.maximumClockAhead {
            findings.append(
                Finding(
                    .integrity(.clockAhead), severity: .breach,
                    facts: .clockSkew(seconds: skew, allowed: policy.maximumClockAhead)))
        } else if -skew > policy.maximumClockBehind {
            findings.append(
                Finding(
                    .integrity(.clockBehind), severity: .breach,
                    facts: .clockSkew(seconds: skew, allowed: policy.maximumClockBehind)))
        }
        if let previous {
            let metres = Geodesic.distance(previous.lastPosition, fix.position)
            let elapsed = fix.time.timeIntervalSince(previous.lastTime)
            // A move with no time to make it (or time running backwards) is as implausible as a fast one.
            let speed = elapsed > 0 ? metres / elapsed : (metres > 1 ? .infinity : 0)
            if speed > policy.maximumSpeed {
                findings.append(
                    Finding(
                        .integrity(.implausibleSpeed), severity: .breach, metres: metres,
                        facts: .speed(metres: metres, seconds: elapsed, limit: policy.maximumSpeed)))
            }
        }
        return findings
    }

    /// `breach_started` when a breach begins, `breach_changed` when its reasons change, and `breach_ended` on the
    /// first fix out of breach once no fix has been in breach for ``TransitionTiming/quietPeriod``; and the
    /// breach as announced after this fix.
    func breachTransitions(_ fix: TelemetryFix, previous: BreachEpisode?, breaches: [Finding], now: Date)
        -> (events: [EngineEvent], breach: BreachEpisode?)
    {
        func event(_ kind: EventKind, _ findings: [Finding]) -> [EngineEvent] {
            [EngineEvent(kind, .fix(fix, showsPosition: true), findings: findings, time: now)]
        }
        let keys = Set(breaches.map(\.key))
        guard !breaches.isEmpty else {
            guard let previous else { return ([], nil) }
            if now.timeIntervalSince(previous.last) >= TransitionTiming.quietPeriod {
                return (event(.breachEnded, []), nil)
            }
            return ([], previous)
        }
        guard var breach = previous else {
            return (event(.breachStarted, breaches), BreachEpisode(since: now, last: now, keys: keys))
        }
        breach.last = now
        guard keys != breach.keys else { return ([], breach) }
        breach.keys = keys
        return (event(.breachChanged, breaches), breach)
    }

    /// Events for what else changed since the drone's previous fix: warnings entered, an authorisation ended.
    func transitions(
        _ fix: TelemetryFix, previous: DroneRecord?, breaches: [Finding], warnings: [Finding], now: Date
    ) -> [EngineEvent] {
        var events: [EngineEvent] = []
        func event(_ kind: EventKind, _ findings: [Finding]) {
            events.append(EngineEvent(kind, .fix(fix, showsPosition: true), findings: findings, time: now))
        }
        let newWarnings = warnings.filter { warning in
            previous?.recentWarnings[warning.key].map { now.timeIntervalSince($0) >= TransitionTiming.quietPeriod }
                ?? true
        }
        if !newWarnings.isEmpty { event(.warningEntered, newWarnings) }
        let expired = breaches.filter { $0.code == .airspace(.authorisationExpired) }
        if !expired.isEmpty, !(previous?.breachKeys.contains(expired[0].key) ?? false) {
            event(.authorisationExpired, expired)
        }
        return events
    }

    /// The recent warnings after this fix: its own, now, and the earlier ones still within the quiet period.
    func recentWarnings(_ warnings: [Finding], previous: DroneRecord?, now: Date) -> [FindingKey: Date] {
        var recent = (previous?.recentWarnings ?? [:]).filter {
            now.timeIntervalSince($0.value) < TransitionTiming.quietPeriod
        }
        for warning in warnings { recent[warning.key] = now }
        return recent
    }

    mutating func reject(_ rejection: Rejection, drone: String?, now: Date) -> Decision {
        return Decision(
            verdict: .reject, drone: drone, state: nil, findings: [], rejection: rejection,
            events: [EngineEvent(.messageRejected, .rejection(rejection, drone: drone), time: now)])
    }

}
