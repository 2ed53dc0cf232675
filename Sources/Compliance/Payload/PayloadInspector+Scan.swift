/// The fast path of ``PayloadInspector/inspect(_:topicDrone:topicStream:heightAboveGround:reported:)``.
extension PayloadInspector {
    /// The judgement of a plain message read by ``PayloadScan``, or `nil` when the tree path must judge it.
    ///
    /// It answers only where the tree path would find nothing to classify: an allowed product, no sensor or one
    /// of an allowed kind, and (the scan's promise) only schema-defined members and plain strings, so that the
    /// deep scan has nothing to find either. What is left is the same as in the tree path: aggregation, then
    /// optics, on the same decoded values.
    func inspectScanned(
        _ payload: some Collection<UInt8>, topicDrone: String, topicStream: String, heightAboveGround: Double?,
        reported: ReportedCamera?
    ) -> PayloadJudgement? {
        guard payload.count <= decoder.maximumBytes,
            let scan = payload.withContiguousStorageIfAvailable({
                PayloadScan.read($0, topicDrone: topicDrone, topicStream: topicStream)
            }) ?? nil,
            policy.allowedProducts.contains(scan.product)
        else { return nil }
        // A sensor kind with any finding (identifying, unknown or not allowed) is the tree path's to judge.
        if scan.sensor != nil {
            guard let kind = scan.sensorKind, sensorFinding(kind: kind) == nil else { return nil }
        }
        // A stream or mission whose name names identification is the tree path's to judge.
        guard nameFindings(scan.envelope).isEmpty else { return nil }
        // The kind is allowed by the policy, so the geometry's kind stays as decoded.
        let sensor = scan.sensor.map { reported?.completing($0) ?? $0 }
        var judgement = PayloadJudgement(
            envelope: scan.envelope, rejection: nil, findings: [], suppressed: [], pixelDensity: nil, content: nil)
        let aggregation = AggregationRules.check(scan.data, policy: policy)
        judgement.findings += aggregation.findings
        judgement.suppressed = aggregation.suppressed
        if scan.product == .imagery || scan.sensor != nil {
            let optics = OpticsRules.check(sensor, heightAboveGround: heightAboveGround, policy: policy)
            judgement.pixelDensity = optics.pixelDensity
            judgement.findings += optics.findings
        }
        judgement.content = (sensor, scan.data)
        return judgement
    }
}
