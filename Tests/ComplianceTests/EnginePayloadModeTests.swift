import Compliance
import Foundation
import StrictJSON
import Testing

/// Observe and enforce per rule family, redaction, and optics judged with the drone's live height.
@Suite("Payload engine: modes, redaction and optics with the live height")
struct EnginePayloadModeTests {
    /// A grid with two small counts (2 and 1) among larger ones.
    static var smallCounts: LivePayload {
        var payload = LivePayload()
        payload.data = Payload.density(counts: [0, 14, 2, 7, 1, 52])
        return payload
    }

    @Test("enforced aggregation redacts: suppressed counts are null, listed, and counted in the decision")
    func redact() throws {
        var engine = ComplianceEngine.withCompliantFix()
        let decision = engine.send(Self.smallCounts)
        #expect(decision.verdict == .redact)
        #expect(decision.codes == ["small_count_suppressed"])
        #expect(decision.findings.first?.severity == .redaction)
        #expect(decision.forwarded?.cells == 6)
        #expect(decision.forwarded?.totalCount == 73)
        #expect(decision.forwarded?.suppressedCells == 2)
        let data = try #require(decision.egressJSON?["data"])
        #expect(data["counts"] == .array([.number(0), .number(14), .null, .number(7), .null, .number(52)]))
        #expect(data["suppressed"] == .array([.number(2), .number(4)]))
        #expect(data["suppressed_cells"] == .number(2))
        #expect(decision.publishedEvents.isEmpty, "redaction is not a block")
    }

    @Test("geofence observed: a payload with no fix is forwarded and a would_block event names the join reason")
    func geofenceObserved() throws {
        var engine = Demo.engine { $0.observing = [.geofence] }
        let decision = engine.send(LivePayload())
        #expect(decision.verdict == .forward)
        #expect(decision.egressPublications.first?.topic == "compliant/D1/payload/cam0")
        #expect(decision.eventReasons == ["would_block": ["no_fix"]])
        #expect(decision.findings.isEmpty, "nothing was enforced")
        // Geofence observed does not mean the content rules are: an over-ceiling frame is still blocked.
        let imagery = engine.send(LivePayload.closeImagery)
        #expect(imagery.verdict == .block)
        #expect(imagery.codes == ["pixel_density_exceeded"])
        #expect(imagery.eventReasons["would_block"] == ["no_fix"])
    }

    @Test("optics observed: over-ceiling imagery is forwarded with would_block; enforced it is blocked")
    func opticsObserved() throws {
        var observed = ComplianceEngine.withCompliantFix { $0.observing = [.optics] }
        let decision = observed.send(LivePayload.closeImagery)
        #expect(decision.verdict == .forward)
        #expect(decision.eventReasons == ["would_block": ["pixel_density_exceeded"]])
        #expect(decision.egressJSON?["data"]?["frame_ref"] == "urn:flowgate:frame:D1:cam0:1")
        var enforced = ComplianceEngine.withCompliantFix { $0.observing = [.geofence, .aggregation, .purpose] }
        let blocked = enforced.send(LivePayload.closeImagery)
        #expect(blocked.verdict == .block)
        #expect(blocked.codes == ["pixel_density_exceeded"])
        #expect(blocked.eventKinds == ["payload_blocked"])
    }

    @Test("aggregation observed: small counts go out unredacted, with would_block")
    func aggregationObserved() throws {
        var engine = ComplianceEngine.withCompliantFix { $0.observing = [.aggregation] }
        let decision = engine.send(Self.smallCounts)
        #expect(decision.verdict == .forward)
        #expect(decision.forwarded?.suppressedCells == 0)
        #expect(decision.egressJSON?["data"]?["counts"] == .array([0, 14, 2, 7, 1, 52].map { .number($0) }))
        #expect(decision.eventReasons == ["would_block": ["small_count_suppressed"]])
    }

    /// Every set of rule families in observe mode.
    static let observeSets: [Set<RuleFamily>] = (0..<(1 << RuleFamily.allCases.count)).map { bits in
        Set(RuleFamily.allCases.enumerated().filter { bits & (1 << $0.offset) != 0 }.map(\.element))
    }

    @Test("identification is blocked, and latches, under every set of observed families", arguments: observeSets)
    func identificationAlwaysBlocked(observing: Set<RuleFamily>) {
        var engine = Demo.engine { $0.observing = observing }
        let decision = engine.send(LivePayload().identifying)
        #expect(decision.verdict == .block)
        #expect(decision.codes.contains("identification_product"))
        #expect(decision.egressPublications.isEmpty)
        #expect(decision.eventKinds.contains("stream_suspended"))
        #expect(engine.send(LivePayload(seq: 2)).verdict == .block)
    }

    /// D1's fix straight above the corridor at `agl` metres above ground, given in AMSL (ground: 34 m AMSL),
    /// so that the engine converts it with the site's datum.
    static func engine(agl: Double) -> ComplianceEngine {
        var engine = Demo.engine()
        var fix = Fix()
        fix.altitude = agl + 34
        fix.reference = "AMSL"
        let decision = engine.send(fix)
        precondition(decision.state == .compliant, "\(decision.codes)")
        return engine
    }

    /// A nadir camera 75 m above ground sees `width / 150` px/m: 11 999 px is 79.99, 12 001 px is 80.01.
    @Test("with depression but no slant range the drone's live height bounds the range: just under and over 80 px/m")
    func opticsFromLiveHeight() throws {
        var under = LivePayload()
        under.sensor = LivePayload.nadirCamera(width: 11_999)
        var over = under
        over.sensor = LivePayload.nadirCamera(width: 12_001)

        var engine = Self.engine(agl: 75)
        let passes = engine.send(under)
        #expect(passes.verdict == .forward, "\(passes.findings)")
        let blocked = engine.send(over)
        #expect(blocked.verdict == .block)
        #expect(blocked.codes == ["pixel_density_exceeded"])
        let detail = try #require(blocked.findings.first?.detail)
        #expect(detail.contains("80.01"), "\(detail)")

        // The same camera a metre higher: the density falls under the ceiling.
        var higher = Self.engine(agl: 76)
        #expect(higher.send(over).verdict == .forward)
        // ...and 2 m lower the smaller sensor is over it.
        var lower = Self.engine(agl: 73)
        #expect(lower.send(under).codes == ["pixel_density_exceeded"])
    }
}
