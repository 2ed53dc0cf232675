public import Foundation
import Geo
import StrictJSON

/// A video sensor's geometry from a KLV packet (MISB ST 0601) of one stream, with the image width the
/// stream's configuration gives. Angles in degrees, distances in metres.
public struct ReportedSensor: Sendable, Hashable {
    public var horizontalFieldOfView: Double?
    public var verticalFieldOfView: Double?
    public var imageWidth: Int
    public var slantRange: Double?
    /// Degrees below the horizon of the line of sight to the frame centre.
    public var depression: Double?

    public init(
        horizontalFieldOfView: Double?, verticalFieldOfView: Double?, imageWidth: Int, slantRange: Double?,
        depression: Double?
    ) {
        self.horizontalFieldOfView = horizontalFieldOfView
        self.verticalFieldOfView = verticalFieldOfView
        self.imageWidth = imageWidth
        self.slantRange = slantRange
        self.depression = depression
    }
}

/// Entries for messages that an adapter (DJI Cloud API, MAVLink JSON, Remote ID, MISB KLV) has decoded: the
/// same judgement and per-drone state as native messages, so a drone is one drone whatever it speaks.
extension ComplianceEngine {
    /// Judges a fix an adapter decoded, exactly as native telemetry, and keeps the cameras it reported for the
    /// optics of the drone's imagery.
    /// - Parameter cameras: the geometry of the drone's cameras with this fix (DJI payload objects); it
    ///   replaces what the drone's previous fix reported.
    public mutating func process(fix: TelemetryFix, cameras: [ReportedCamera] = [], receivedAt now: Date) -> Decision {
        let decision = judge(fix, now: now)
        // A replayed fix changes nothing, not even the camera it reports.
        if !decision.findings.contains(where: { $0.code == .integrity(.replayedSeq) }) {
            reportedOptics.byDrone[fix.drone] = cameras
        }
        return decision
    }

    /// A message an adapter could not fully understand: rejected (fail closed) with the usual
    /// `message_rejected` event and counts. On a payload stream (`stream` given) the verdict is `block`, as
    /// for a native payload the decoder refuses.
    public mutating func refuse(_ rejection: Rejection, drone: String?, stream: String? = nil, receivedAt now: Date)
        -> Decision
    {
        var decision = reject(rejection, drone: drone, now: now)
        if let stream {
            decision.stream = stream
            decision.verdict = .block
        }
        return decision
    }

    /// A message that was understood and attributed but carries nothing to publish (a MAVLink HEARTBEAT): the
    /// verdict is `withhold`, with no reasons.
    public mutating func absorb(drone: String, receivedAt now: Date) -> Decision {
        count(.withhold, [])
        return Decision(verdict: .withhold, drone: drone, state: nil, findings: [], rejection: nil, events: [])
    }

    /// A KLV packet holding identification data (the VMTI local set, tag 74, or a target id, tag 129): blocked
    /// as an `identification_product`, and its stream suspended until an operator releases it (the native
    /// imagery of the same drone and stream name with it).
    public mutating func processIdentification(tags: [Int], drone: String, stream: String, receivedAt now: Date)
        -> Decision
    {
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
    public mutating func processSensor(_ reported: ReportedSensor, drone: String, stream: String, receivedAt now: Date)
        -> Decision
    {
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
        count(.withhold, [])
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
