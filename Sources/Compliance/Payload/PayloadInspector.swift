import StrictJSON

/// The content rules of the crowd-flow purpose for native payload messages: decoding, purpose (default deny,
/// identification, deep inspection), aggregation floors and optics. Pure and stateless: the live position,
/// stream suspension and modes are the gateway's.
public struct PayloadInspector: Sendable {
    public let policy: PayloadPolicy
    let decoder: PayloadDecoder

    public init(policy: PayloadPolicy = PayloadPolicy()) {
        self.policy = policy
        decoder = PayloadDecoder(maximumBytes: policy.maximumBytes)
    }

    /// Judges one message from `fleet/{topicDrone}/payload/{topicStream}`.
    /// - Parameter heightAboveGround: the drone's height above ground now, metres, from its live fix; `nil`
    ///   when unknown (then only a slant range bounds the optics).
    /// - Parameter reported: the camera geometry an adapter reported for this drone or stream (DJI osd, KLV),
    ///   which completes the message's own sensor (see ``ReportedCamera/completing(_:)``).
    public func inspect(
        _ payload: some Collection<UInt8>, topicDrone: String, topicStream: String, heightAboveGround: Double?,
        reported: ReportedCamera? = nil
    ) -> PayloadJudgement {
        // The plain common case straight from the bytes (PayloadInspector+Scan.swift); anything else, and every
        // rejection and classification finding, through the tree below.
        if let scanned = inspectScanned(
            payload, topicDrone: topicDrone, topicStream: topicStream, heightAboveGround: heightAboveGround,
            reported: reported)
        {
            return scanned
        }
        var judgement = PayloadJudgement(
            envelope: nil, rejection: nil, findings: [], suppressed: [], pixelDensity: nil, content: nil)
        let object: JSONObject
        do {
            object = try decoder.parse(payload)
            judgement.envelope = try decoder.decodeEnvelope(object, topicDrone: topicDrone, topicStream: topicStream)
        } catch {
            judgement.rejection = error
            // What could not be decoded is still searched: a broken message is no way around the suspension.
            // A message over the size limit is not read at all.
            if error.code != .messageTooLarge { judgement.findings = RawIdentificationScan.findings(payload) }
            return judgement
        }
        let productText = object["product"]?.stringValue ?? ""
        let product = PayloadProduct(rawValue: productText).flatMap { policy.allowedProducts.contains($0) ? $0 : nil }
        if product == nil {
            let (finding, recordedName) = ProductClassification.finding(productText)
            judgement.findings.append(finding)
            judgement.envelope?.product = recordedName
        }
        judgement.findings += nameFindings(judgement.envelope)
        let kind = object["sensor"]?.objectValue?["kind"]?.stringValue
        let sensorFinding = kind.flatMap(sensorFinding(kind:))
        judgement.findings += sensorFinding.map { [$0] } ?? []
        let identifyingSensor = sensorFinding?.isIdentification ?? false
        judgement.findings += PayloadScanner.scan(object, product: product).findings
        if product == .imagery { judgement.findings += referenceFindings(object["data"]?.objectValue) }
        guard let product else { return judgement }
        let fields = Fields(object: object, path: "")
        var sensor: SensorGeometry?
        let data: ProductData
        do {
            if !identifyingSensor, object["sensor"] != nil {
                // An identification sensor's geometry is not read: the message is blocked in every mode anyway.
                var geometry = try decoder.decodeSensor(try fields.object("sensor"))
                if let known = geometry.kind, !policy.allowedSensorKinds.contains(known) { geometry.kind = nil }
                sensor = reported?.completing(geometry) ?? geometry
            }
            data = try decoder.decodeData(try fields.object("data"), product: product)
        } catch {
            judgement.rejection = error
            return judgement
        }
        let aggregation = AggregationRules.check(data, policy: policy)
        judgement.findings += aggregation.findings
        judgement.suppressed = aggregation.suppressed
        if !identifyingSensor, product == .imagery || object["sensor"] != nil {
            let optics = OpticsRules.check(sensor, heightAboveGround: heightAboveGround, policy: policy)
            judgement.pixelDensity = optics.pixelDensity
            judgement.findings += optics.findings
        }
        judgement.content = (sensor, data)
        return judgement
    }

    /// `identification_sensor` when the kind names identification (on the spec's list or by the vocabulary),
    /// `sensor_not_allowed` for any other kind off the allowlist. A kind that is not a string is the decoder's
    /// to refuse.
    func sensorFinding(kind: String) -> PayloadFinding? {
        if SensorKind.identificationKinds.contains(kind) {
            return PayloadFinding(.identificationSensor, .listedIdentificationSensor(kind))
        }
        if let known = SensorKind(rawValue: kind) {
            guard policy.allowedSensorKinds.contains(known) else {
                return PayloadFinding(.sensorNotAllowed, .sensorKindNotAllowed(known))
            }
            return nil
        }
        if let match = SenderName.match(kind) {
            return PayloadFinding(.identificationSensor, .namesIdentification(.sensorKind, match))
        }
        return PayloadFinding(.sensorNotAllowed, .unknownSensorKind)
    }

    /// `identifying_name` for a stream or mission name that names identification.
    func nameFindings(_ envelope: PayloadEnvelope?) -> [PayloadFinding] {
        guard let envelope else { return [] }
        var findings: [PayloadFinding] = []
        if let match = SenderName.match(envelope.stream) {
            findings.append(PayloadFinding(.identifyingName, .namesIdentification(.stream, match)))
        }
        if let match = SenderName.match(envelope.mission) {
            findings.append(PayloadFinding(.identifyingName, .namesIdentification(.mission, match)))
        }
        return findings
    }

    /// The grammar and identification checks of imagery's references, read before the data is decoded so
    /// that a reference naming identification suspends the stream even when another member is broken.
    func referenceFindings(_ data: JSONObject?) -> [PayloadFinding] {
        var findings: [PayloadFinding] = []
        for member in ["frame_ref", "clip_ref"] {
            guard let reference = data?[member]?.stringValue else { continue }
            let path = "data.\(member)"
            if let problem = policy.mediaReferences.problem(reference) {
                findings.append(PayloadFinding(.referenceRefused, .referenceRefused(path: path, problem)))
            }
            if let found = policy.mediaReferences.identification(reference) {
                findings.append(PayloadFinding(found.referenceCode, .referenceIdentification(path: path, found)))
            }
        }
        return findings
    }
}
