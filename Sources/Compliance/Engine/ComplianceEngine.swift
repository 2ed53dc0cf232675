public import Airspace
import Crypto
public import Foundation
import Geo
import StrictJSON

/// The compliance of telemetry: decodes each message, checks it against the airspace and the drone's own
/// history, and says what to publish. Pure: time is an argument, nothing is read or written but its own
/// per-drone state, so the live gateway and `flowgate replay` run the very same code.
///
/// A value type with one owner: the gateway keeps it inside one actor, replay in one loop.
public struct ComplianceEngine: Sendable {
    /// The zones and authorisations in force; a reload replaces them between two messages
    /// (``useAirspace(_:now:)``).
    public internal(set) var airspace: AirspaceIndex
    public let policy: TelemetryPolicy
    let decoder: TelemetryDecoder
    let inspector: PayloadInspector
    var drones: [String: DroneRecord] = [:]
    /// Streams latched after they carried identification data, until an operator releases them.
    public internal(set) var suspensions: [StreamKey: Suspension] = [:]
    /// The block reasons of each stream's last message, to report a block once per change, not per message.
    var streamBlocks: [StreamKey: [String]] = [:]
    /// Camera geometry the adapters reported (DJI payload objects per drone, KLV packets per stream), which
    /// completes the sensor of the drone's imagery.
    var reportedOptics = ReportedOptics()
    /// Messages by verdict and by rejection or finding code, since the engine started.
    public private(set) var counters: [String: Int] = [:]
    /// Checks that release orders come from the operators they name.
    var authenticator: ReleaseAuthenticator

    public init(airspace: AirspaceIndex, policy: TelemetryPolicy = TelemetryPolicy()) {
        self.airspace = airspace
        self.policy = policy
        decoder = TelemetryDecoder(maximumBytes: policy.maximumBytes)
        inspector = PayloadInspector(policy: policy.payload)
        authenticator = ReleaseAuthenticator(
            keys: policy.operatorKeys.compactMapValues { try? Curve25519.Signing.PublicKey(rawRepresentation: $0) })
    }

    /// Decides about one message received at `now`: telemetry or payload, by its topic.
    public mutating func process(topic: String, payload: some Collection<UInt8>, receivedAt now: Date)
        -> Decision
    {
        guard let topicDrone = policy.topics.telemetry.drone(in: topic) else {
            if let match = policy.topics.payload.match(topic), let stream = match.stream {
                return processPayload(payload, drone: match.drone, stream: stream, now: now)
            }
            return reject(
                Rejection(.unknownTopic, problem: "no telemetry or payload topic pattern matches"), drone: nil,
                now: now)
        }
        let fix: TelemetryFix
        do {
            fix = try decoder.decode(payload, topicDrone: topicDrone)
        } catch {
            return reject(error, drone: topicDrone, now: now)
        }
        return judge(fix, now: now)
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
                code: IntegrityCode.replayedSeq.rawValue, severity: .breach, subject: nil,
                detail: beforeRestart
                    ? "seq \(fix.seq) belongs to the count before the drone's restart"
                    : "seq \(fix.seq) is not above the last accepted \(previous.lastSeq)")
            // The event names the replay but does not carry its position: a withheld fix stays withheld.
            var event = EventMessage.integrity(fix: fix, findings: [finding], now: now)
            event["position"] = nil
            count("withhold", [finding.code])
            return Decision(
                verdict: .withhold, drone: fix.drone, state: .breach, findings: [finding], rejection: nil,
                publications: [publication(event, drone: fix.drone)], mission: fix.mission)
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

        var publications: [Publication] = []
        let verdict: Decision.Verdict = state == .breach && policy.withholdBreaches ? .withhold : .forward
        if verdict == .forward {
            let message = EgressTelemetry.bytes(
                fix, state: state, breaches: breaches, warnings: warnings, assessment: assessment, now: now)
            publications.append(
                Publication(
                    topic: policy.topics.compliantTelemetry.topic(for: fix.drone), payload: message, qos: 1,
                    isForward: true))
        }
        for event in transitions(
            fix, previous: previous, state: state, breaches: breaches, warnings: warnings, integrity: integrity,
            now: now)
        {
            publications.append(publication(event, drone: fix.drone))
        }
        if restarted, let previous {
            let finding = Finding(
                code: "seq_restarted", severity: .warning,
                detail: "seq \(fix.seq) after \(previous.lastSeq): the drone's count restarted, its own time is newer")
            publications.append(
                publication(
                    EventMessage.make("seq_restarted", fix: fix, findings: [finding], now: now), drone: fix.drone))
        }
        // An implausible fix (a jump, a clock far off) is not the reference the next fix is measured from: one
        // glitch would otherwise condemn the good fix after it. Its sequence number counts all the same.
        let reference =
            integrity.isEmpty || previous == nil
            ? (fix.time, fix.position) : (previous!.lastTime, previous!.lastPosition)
        let datum = airspace.bundle.site.datum
        drones[fix.drone] = DroneRecord(
            lastSeq: fix.seq, lastTime: reference.0, lastPosition: reference.1, state: state,
            breachKeys: Set(breaches.map(\.key)), warningKeys: Set(warnings.map(\.key)), receivedAt: now,
            fixTime: fix.time, countSince: restarted ? fix.time : previous?.countSince,
            mission: fix.mission, breaches: breaches, noCapture: assessment.zones.noCapture,
            heightAboveGround: datum.convert(amsl: datum.amsl(fix.altitude, fix.altitudeReference), to: .agl))
        count(verdict.rawValue, (breaches + warnings).map(\.code))
        return Decision(
            verdict: verdict, drone: fix.drone, state: state, findings: breaches + warnings, rejection: nil,
            publications: publications, mission: fix.mission, fix: fix)
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
                    code: IntegrityCode.clockAhead.rawValue, severity: .breach,
                    detail:
                        "fix time \(seconds(skew)) ahead of the gateway, allowed \(seconds(policy.maximumClockAhead))"))
        } else if -skew > policy.maximumClockBehind {
            findings.append(
                Finding(
                    code: IntegrityCode.clockBehind.rawValue, severity: .breach,
                    detail:
                        "fix time \(seconds(-skew)) behind the gateway, allowed \(seconds(policy.maximumClockBehind))"))
        }
        if let previous {
            let metres = Geodesic.distance(previous.lastPosition, fix.position)
            let elapsed = fix.time.timeIntervalSince(previous.lastTime)
            // A move with no time to make it (or time running backwards) is as implausible as a fast one.
            let speed = elapsed > 0 ? metres / elapsed : (metres > 1 ? .infinity : 0)
            if speed > policy.maximumSpeed {
                findings.append(
                    Finding(
                        code: IntegrityCode.implausibleSpeed.rawValue, severity: .breach, metres: metres,
                        detail: elapsed > 0
                            ? String(
                                format: "%.1f m in %.3f s is %.1f m/s, over %.1f m/s", metres, elapsed, speed,
                                policy.maximumSpeed)
                            : String(format: "%.1f m with no time elapsed since the last fix", metres)))
            }
        }
        return findings
    }

    /// Events for what changed since the drone's previous fix.
    func transitions(
        _ fix: TelemetryFix, previous: DroneRecord?, state: ComplianceState, breaches: [Finding], warnings: [Finding],
        integrity: [Finding], now: Date
    ) -> [JSONObject] {
        var events: [JSONObject] = []
        let wasBreach = previous?.state == .breach
        if state == .breach, !wasBreach {
            events.append(EventMessage.make("breach_started", fix: fix, findings: breaches, now: now))
        } else if state != .breach, wasBreach {
            events.append(EventMessage.make("breach_ended", fix: fix, findings: [], now: now))
        } else if state == .breach, Set(breaches.map(\.key)) != previous?.breachKeys {
            events.append(EventMessage.make("breach_changed", fix: fix, findings: breaches, now: now))
        }
        let newWarnings = warnings.filter { !(previous?.warningKeys.contains($0.key) ?? false) }
        if !newWarnings.isEmpty {
            events.append(EventMessage.make("warning_entered", fix: fix, findings: newWarnings, now: now))
        }
        if !integrity.isEmpty {
            events.append(EventMessage.integrity(fix: fix, findings: integrity, now: now))
        }
        let expired = breaches.filter { $0.code == ReasonCode.authorisationExpired.rawValue }
        if !expired.isEmpty, !(previous?.breachKeys.contains(expired[0].key) ?? false) {
            events.append(EventMessage.make("authorisation_expired", fix: fix, findings: expired, now: now))
        }
        return events
    }

    mutating func reject(_ rejection: Rejection, drone: String?, now: Date) -> Decision {
        count("reject", [rejection.code.rawValue])
        let event = EventMessage.rejected(rejection, drone: drone, now: now)
        return Decision(
            verdict: .reject, drone: drone, state: nil, findings: [], rejection: rejection,
            publications: [publication(event, drone: drone ?? TopicScheme.unattributed)])
    }

    func publication(_ event: JSONObject, drone: String) -> Publication {
        Publication(
            topic: policy.topics.events.topic(for: drone), payload: JSONWriter.bytes(.object(event)), qos: 1
        )
    }

    mutating func count(_ verdict: String, _ codes: [String]) {
        counters["verdict.\(verdict)", default: 0] += 1
        for code in Set(codes) { counters["reason.\(code)", default: 0] += 1 }
    }

    private func seconds(_ value: Double) -> String { String(format: "%.3f s", value) }
}
