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
            return judgement
        }
        let name = judgement.envelope?.product ?? PayloadEnvelope.unknownProduct
        let product = PayloadProduct(rawValue: name).flatMap { policy.allowedProducts.contains($0) ? $0 : nil }
        if PayloadProduct.identificationProducts.contains(name) {
            judgement.findings.append(
                PayloadFinding(.identificationProduct, detail: "product \(name) identifies or tracks persons"))
        } else if product == nil {
            let detail =
                name == PayloadEnvelope.unknownProduct
                ? "the product is not a crowd-flow product" : "product \(name) is not allowed by the policy"
            judgement.findings.append(PayloadFinding(.productNotAllowed, detail: detail))
        }
        let fields = Fields(object: object, path: "")
        let sensorFields = object["sensor"]?.objectValue.map { Fields(object: $0, path: "sensor") }
        let kind = sensorFields?.object["kind"]?.stringValue
        judgement.findings += sensorFindings(kind: kind, present: object["sensor"] != nil)
        judgement.findings += PayloadScanner.scan(object, product: product).findings
        guard let product else { return judgement }
        var sensor: SensorGeometry?
        let data: ProductData
        do {
            if let kind, SensorKind.identificationKinds.contains(kind) {
                sensor = nil  // blocked in every mode: its geometry does not matter
            } else if object["sensor"] != nil {
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
        let identifyingSensor = kind.map(SensorKind.identificationKinds.contains) ?? false
        // An identification sensor's geometry is not read: the message is blocked in every mode anyway.
        if !identifyingSensor, product == .imagery || object["sensor"] != nil {
            let optics = OpticsRules.check(sensor, heightAboveGround: heightAboveGround, policy: policy)
            judgement.pixelDensity = optics.pixelDensity
            judgement.findings += optics.findings
        }
        judgement.content = (sensor, data)
        return judgement
    }

    /// `identification_sensor` or `sensor_not_allowed` for the sensor's kind. A kind that is not a string is
    /// the decoder's to refuse.
    func sensorFindings(kind: String?, present: Bool) -> [PayloadFinding] {
        guard present, let kind else { return [] }
        if SensorKind.identificationKinds.contains(kind) {
            return [PayloadFinding(.identificationSensor, detail: "sensor kind \(kind) identifies persons or devices")]
        }
        guard let known = SensorKind(rawValue: kind) else {
            return [PayloadFinding(.sensorNotAllowed, detail: "the sensor kind is not an allowed kind")]
        }
        guard policy.allowedSensorKinds.contains(known) else {
            return [PayloadFinding(.sensorNotAllowed, detail: "sensor kind \(kind) is not allowed by the policy")]
        }
        return []
    }
}
