public import Foundation
import Geo

extension ComplianceEngine {
    /// Decides about one payload message: its content under the purpose rules, then the drone's standing now.
    mutating func processPayload(_ payload: some Collection<UInt8>, drone: String, stream: String, now: Date)
        -> Decision
    {
        // A stream whose name names identification is known by a digest of it, in the record and events.
        let key = StreamKey(drone: drone, stream: SenderName.recorded(stream))
        // Latched: not even read. The operator's release is the only way out.
        if let suspended = suspendedDecision(key, now: now) { return suspended }
        let record = drones[drone]
        let judgement = inspector.inspect(
            payload, topicDrone: drone, topicStream: stream, heightAboveGround: record?.heightAboveGround,
            reported: reportedOptics.camera(for: key))
        guard judgement.rejection == nil, let envelope = judgement.envelope else {
            return refuse(
                judgement, key,
                judgement.rejection ?? Rejection(.invalidField, problem: "the payload could not be attributed"),
                now: now)
        }
        var events = suspendIfIdentifying(judgement, key, product: envelope.product, now: now)
        let mission = SenderName.recorded(envelope.mission)
        let join = standing(of: record, mission: envelope.mission, payloadTime: envelope.time, now: now)
        let observing = policy.observing
        let geofenceObserved = observing.contains(.geofence)
        var verdict = judgement.verdict(observing: observing)
        let observed = judgement.observed(observing)
        var enforced = judgement.findings.filter { !observed.contains($0) }.map(Finding.init)
        var wouldBlock = observed.map(Finding.init)
        if !join.isEmpty {
            if geofenceObserved { wouldBlock += join } else { verdict = .block; enforced += join }
        }
        if !wouldBlock.isEmpty {
            events.append(
                EngineEvent(
                    .wouldBlock, .stream(key, product: envelope.product), findings: wouldBlock, time: now))
        }
        guard verdict != .block, let forward = judgement.forwarded(observing: observing) else {
            var decision = block(key, findings: enforced, product: envelope.product, events: events, now: now)
            decision.mission = mission
            return decision
        }
        streamBlocks[key] = nil
        return Decision(
            verdict: verdict == .redact ? .redact : .forward, drone: drone, state: nil, findings: enforced,
            rejection: nil, events: events, egress: .payload(forward.bytes, stream: stream), stream: key.stream,
            product: envelope.product,
            forwarded: PayloadSummary(
                cells: forward.cells, totalCount: forward.totalCount, suppressedCells: forward.suppressedCells),
            mission: mission)
    }

    /// A payload that could not be decoded: blocked (a payload's verdicts are forward, redact and block, and
    /// the counters and metrics say the same) with a `message_rejected` event. Identification data found before
    /// the decoding failed latches the stream all the same: a broken message is no way around the latch.
    mutating func refuse(_ judgement: PayloadJudgement, _ key: StreamKey, _ rejection: Rejection, now: Date)
        -> Decision
    {
        let product = judgement.envelope?.product
        let findings = judgement.findings.map(Finding.init)
        // Unattributed or not, the topic names the stream: identification found in what could not be decoded
        // latches it (the findings never quote the message).
        let events =
            [EngineEvent(.messageRejected, .rejection(rejection, drone: key.drone), time: now)]
            + suspendIfIdentifying(judgement, key, product: product, now: now)
        return Decision(
            verdict: .block, drone: key.drone, state: nil, findings: findings, rejection: rejection,
            events: events, stream: key.stream, product: product)
    }

    /// Latches the stream when the message carried identification data: the `stream_suspended` event, or none.
    mutating func suspendIfIdentifying(_ judgement: PayloadJudgement, _ key: StreamKey, product: String?, now: Date)
        -> [EngineEvent]
    {
        let identifying = judgement.findings.filter(\.isIdentification)
        guard !identifying.isEmpty else { return [] }
        suspensions[key] = Suspension(since: now, codes: identifying.map { .payload($0.code) }, product: product)
        return [
            EngineEvent(
                .streamSuspended, .stream(key, product: product), findings: identifying.map(Finding.init), time: now)
        ]
    }

    /// Why the drone may not deliver payload now, from its last accepted fix and the payload's own time:
    /// empty when it may.
    func standing(of record: DroneRecord?, mission: String, payloadTime: Date?, now: Date) -> [Finding] {
        var findings: [Finding] = []
        let skew = payloadTime?.timeIntervalSince(now) ?? 0
        if skew > policy.maximumClockAhead {
            findings.append(
                Finding(
                    .join(.payloadClockAhead), severity: .breach,
                    facts: .clockSkew(seconds: skew, allowed: policy.maximumClockAhead)))
        } else if -skew > policy.maximumClockBehind {
            findings.append(
                Finding(
                    .join(.payloadClockBehind), severity: .breach,
                    facts: .clockSkew(seconds: skew, allowed: policy.maximumClockBehind)))
        }
        guard let record else {
            return findings + [
                Finding(.join(.noFix), severity: .breach)
            ]
        }
        // A fix is as old as the earlier of its own time stamp and its arrival.
        let age = now.timeIntervalSince(min(record.receivedAt, record.fixTime))
        if age > policy.maximumFixAge {
            return findings + [
                Finding(
                    .join(.fixStale), severity: .breach, facts: .fixAge(seconds: age, allowed: policy.maximumFixAge))
            ]
        }
        if mission != record.mission {
            findings.append(Finding(.join(.missionMismatch), severity: .breach))
        }
        findings += record.breaches
        findings += record.noCapture.map {
            Finding(.join(.inNoCapture), severity: .breach, subject: $0)
        }
        return findings
    }

    /// A blocked payload: counted, and reported once per change of its stream's reasons.
    mutating func block(_ key: StreamKey, findings: [Finding], product: String?, events: [EngineEvent], now: Date)
        -> Decision
    {
        let codes = findings.map(\.code)
        var all = events
        if streamBlocks[key] != codes {
            streamBlocks[key] = codes
            all.append(EngineEvent(.payloadBlocked, .stream(key, product: product), findings: findings, time: now))
        }
        return Decision(
            verdict: .block, drone: key.drone, state: nil, findings: findings, rejection: nil, events: all,
            stream: key.stream, product: product)
    }

    /// Obeys an operator's release order once it is authenticated (``ReleaseAuthenticator``): the stream is
    /// released (``Decision/release``) with the `stream_released` event naming the verified operator, or nothing
    /// changes when it was not suspended; either way the order is withheld (understood, nothing to forward). An
    /// order that does not prove who sent it is rejected (`not_authenticated`) with a `release_refused` event.
    mutating func obey(_ order: ReleaseOrder, retained: Bool, now: Date) -> Decision {
        do {
            try authenticator.authenticate(order, retained: retained, now: now)
        } catch {
            return refuseOrder(error, now: now)
        }
        let released = release(order.stream, by: order.operatorName, reason: order.reason, now: now)
        return Decision(
            verdict: .withhold, drone: order.stream.drone, state: nil, findings: [], rejection: nil,
            events: released.map { [$0] } ?? [], stream: order.stream.recorded.stream,
            release: released == nil ? nil : order)
    }

    /// Lifts a suspension on an operator's order. Returns the `stream_released` event to publish, or `nil` when
    /// the stream was not suspended (nothing changes).
    public mutating func release(_ named: StreamKey, by operatorName: String, reason: String, now: Date)
        -> EngineEvent?
    {
        let key = named.recorded
        guard suspensions.removeValue(forKey: key) != nil else { return nil }
        streamBlocks[key] = nil
        return EngineEvent(
            .streamReleased, .stream(key, product: nil), time: now, release: (operatorName, reason))
    }

    /// A refused control message: rejected, with the `release_refused` event on the unattributed events topic.
    mutating func refuseOrder(_ rejection: Rejection, now: Date) -> Decision {
        Decision(
            verdict: .reject, drone: nil, state: nil, findings: [], rejection: rejection,
            events: [EngineEvent(.releaseRefused, .rejection(rejection, drone: nil), time: now)])
    }

    /// Restores a suspension recorded before a restart: a latch survives the gateway.
    public mutating func restore(_ key: StreamKey, _ suspension: Suspension) {
        suspensions[key] = suspension
    }
}
