import Foundation
import Geo
import StrictJSON

/// Decisions for observations that the adapters (DJI Cloud API, MAVLink JSON, Remote ID, MISB KLV) and the
/// pipeline make: the same judgement and per-drone state as native messages, so a drone is one drone whatever
/// it speaks. Reached through ``decide(_:at:)``.
extension ComplianceEngine {
    /// A message whose format could not be fully understood: rejected (fail closed) with the usual
    /// `message_rejected` event and counts. On a payload stream (`stream` given) the verdict is `block`, as
    /// for a native payload the decoder refuses.
    mutating func refuse(_ rejection: Rejection, drone: String?, stream: String?, now: Date) -> Decision {
        var decision = reject(rejection, drone: drone, now: now)
        if let stream {
            decision.stream = stream
            decision.verdict = .block
        }
        return decision
    }

    /// A message that was understood and attributed but carries nothing to publish (a MAVLink HEARTBEAT): the
    /// verdict is `withhold`, with no reasons.
    mutating func absorb(drone: String) -> Decision {
        return Decision(verdict: .withhold, drone: drone, state: nil, findings: [], rejection: nil, events: [])
    }

    /// A KLV packet holding identification data (the VMTI local set, tag 74, or a target id, tag 129): blocked
    /// as an `identification_product`, and its stream suspended until an operator releases it (the native
    /// imagery of the same drone and stream name with it).
    mutating func processIdentification(tags: [Int], drone: String, stream: String, now: Date) -> Decision {
        let key = StreamKey(drone: drone, stream: SenderName.recorded(stream))
        if let suspended = suspendedDecision(key, now: now) { return suspended }
        let finding = Finding(
            .payload(.identificationProduct), severity: .breach, subject: key.stream, facts: .identifyingTags(tags))
        suspensions[key] = Suspension(since: now, codes: [finding.code], product: Self.klvProduct)
        let event = EngineEvent(
            .streamSuspended, .stream(key, product: Self.klvProduct), findings: [finding], time: now)
        return block(key, findings: [finding], product: Self.klvProduct, events: [event], now: now)
    }

    /// A KLV packet's sensor geometry, judged as the stream's imagery: the optics ceiling and the drone's live
    /// standing (fresh fix, inside its area, outside no-capture). Over the ceiling or out of standing it is
    /// blocked; otherwise it is withheld (metadata, nothing to publish) and completes the sensor of the
    /// stream's native imagery from now on.
    mutating func processSensor(_ reported: ReportedSensor, drone: String, stream: String, now: Date) -> Decision {
        let key = StreamKey(drone: drone, stream: SenderName.recorded(stream))
        if let suspended = suspendedDecision(key, now: now) { return suspended }
        let depression = reported.depression.map { min(max($0, 0), 90) }
        reportedOptics.byStream[key] = ReportedCamera(
            zoom: nil, slantRange: reported.slantRange, depression: depression)
        let record = drones[drone]
        let sensor = reported.horizontalFieldOfView.map {
            SensorGeometry(
                kind: .eoCamera, horizontalFieldOfView: $0, verticalFieldOfView: reported.verticalFieldOfView,
                imageWidth: reported.imageWidth, zoom: 1, slantRange: reported.slantRange, depression: depression)
        }
        let optics = OpticsRules.check(sensor, heightAboveGround: record?.heightAboveGround, policy: policy.payload)
        let opticsFindings = optics.findings.map(Finding.init)
        let join = standing(of: record, mission: record?.mission ?? "", payloadTime: nil, now: now)
        var enforced: [Finding] = []
        var wouldBlock: [Finding] = []
        if policy.observing.contains(.optics) { wouldBlock += opticsFindings } else { enforced += opticsFindings }
        if policy.observing.contains(.geofence) { wouldBlock += join } else { enforced += join }
        var events: [EngineEvent] = []
        if !wouldBlock.isEmpty {
            events.append(
                EngineEvent(.wouldBlock, .stream(key, product: Self.klvProduct), findings: wouldBlock, time: now))
        }
        guard enforced.isEmpty else {
            return block(key, findings: enforced, product: Self.klvProduct, events: events, now: now)
        }
        streamBlocks[key] = nil
        return Decision(
            verdict: .withhold, drone: drone, state: nil, findings: [], rejection: nil, events: events,
            stream: key.stream, product: Self.klvProduct)
    }

    /// The product a KLV packet is judged as: metadata of the stream's imagery.
    static let klvProduct = PayloadProduct.imagery.rawValue

    /// The decision for a message on a suspended stream, or `nil` when the stream is not suspended.
    mutating func suspendedDecision(_ key: StreamKey, now: Date) -> Decision? {
        guard let suspension = suspensions[key] else { return nil }
        let finding = Finding(
            .join(.streamSuspended), severity: .breach, subject: key.stream,
            facts: .suspension(since: suspension.since, codes: suspension.codes))
        return block(key, findings: [finding], product: nil, events: [], now: now)
    }
}
