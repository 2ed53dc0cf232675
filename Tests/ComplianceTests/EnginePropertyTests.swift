import Compliance
import Foundation
import Geo
import PropertyBased
import StrictJSON
import Testing

/// Fail closed, whatever comes in: nothing reaches egress that is not a valid, attributed fix, and the engine
/// never stops.
@Suite("Telemetry engine: properties")
struct EnginePropertyTests {
    @Test("random bytes are never forwarded and always answered with an event")
    func randomBytes() async {
        await propertyCheck(count: 300, input: Gen.uint8().array(of: 0...400)) { payload in
            var engine = Demo.engine()
            let decision = engine.process(topic: "fleet/D1/telemetry", payload: payload, receivedAt: Demo.noon)
            Self.checkInvariants(decision, topic: "fleet/D1/telemetry", payload: payload)
            #expect(decision.verdict == .reject)
        }
    }

    @Test("random JSON-ish telemetry: forwarded means valid, and every decision is well formed")
    func randomTelemetry() async {
        await propertyCheck(count: 150, input: Gen.uint64(in: 1...UInt64.max >> 1)) { seed in
            var mutator = PayloadMutator(seed: seed)
            var engine = Demo.engine { $0.withholdBreaches = seed % 3 == 0 }
            var verdicts = 0
            var counts = DecisionCounts()
            for _ in 0..<60 {
                let (topic, now, payload) = mutator.next()
                let decision = engine.process(topic: topic, payload: payload, receivedAt: now)
                Self.checkInvariants(decision, topic: topic, payload: payload)
                counts.count(decision)
                if decision.verdict == .withhold {
                    #expect(decision.state == .breach)
                    #expect(engine.policy.withholdBreaches || decision.codes == ["replayed_seq"])
                }
                verdicts += 1
            }
            #expect(counts.decided == verdicts)
            // Every reason a decision gives is counted once for it, never more often than messages were decided.
            #expect(counts.reasons.values.allSatisfy { $0 <= verdicts })
        }
    }

    @Test("the random payloads reach every verdict and every kind of rejection")
    func coverage() {
        var mutator = PayloadMutator(seed: 42)
        var engine = Demo.engine()
        var verdicts: [Decision.Verdict: Int] = [:]
        var codes: Set<String> = []
        for _ in 0..<3_000 {
            let (topic, now, payload) = mutator.next()
            let decision = engine.process(topic: topic, payload: payload, receivedAt: now)
            verdicts[decision.verdict, default: 0] += 1
            codes.formUnion(decision.codes)
            if let rejection = decision.rejection { codes.insert(rejection.code.rawValue) }
        }
        for verdict in [Decision.Verdict.forward, .withhold, .reject] {
            #expect(verdicts[verdict, default: 0] >= 50, "\(verdict): \(verdicts)")
        }
        let expected: Set = [
            "malformed_json", "invalid_field", "unsupported_version", "drone_mismatch", "unknown_topic",
            "replayed_seq", "clock_ahead", "clock_behind", "implausible_speed", "below_floor", "no_authorisation",
        ]
        #expect(expected.subtracting(codes).isEmpty, "never seen: \(expected.subtracting(codes))")
    }

    /// What every decision must satisfy, whatever the input.
    static func checkInvariants(
        _ decision: Decision, topic: String, payload: [UInt8],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for publication in decision.publications {
            #expect(publication.qos == 1, sourceLocation: sourceLocation)
            #expect(!publication.retain, sourceLocation: sourceLocation)
            #expect(
                (try? JSONParser.parse(publication.payload).objectValue) != nil, "publication is not a JSON object",
                sourceLocation: sourceLocation)
        }
        let topicDrone = TopicPattern.telemetry.drone(in: topic)
        #expect(decision.drone == topicDrone, sourceLocation: sourceLocation)
        switch decision.verdict {
        case .reject:
            #expect(decision.rejection != nil, sourceLocation: sourceLocation)
            #expect(decision.state == nil, sourceLocation: sourceLocation)
            #expect(
                decision.publications.map(\.topic) == ["flowgate/events/\(topicDrone ?? "_unattributed")"],
                sourceLocation: sourceLocation)
            #expect(decision.eventKinds == ["message_rejected"], sourceLocation: sourceLocation)
        case .withhold:
            #expect(decision.rejection == nil, sourceLocation: sourceLocation)
            #expect(decision.egressPublications.isEmpty, sourceLocation: sourceLocation)
            // A replay is reported when its episode starts (or reminded of); a breach withheld by policy only on a
            // transition.
            if decision.codes == ["replayed_seq"] {
                #expect(
                    Set(decision.eventKinds).isSubset(of: ["integrity_problem", "integrity_continuing"]),
                    sourceLocation: sourceLocation)
            }
        case .forward:
            #expect(decision.rejection == nil, sourceLocation: sourceLocation)
            #expect(decision.state != nil, sourceLocation: sourceLocation)
            #expect(decision.egressPublications.count == 1, sourceLocation: sourceLocation)
            guard let topicDrone, let published = decision.egressPublications.first else {
                Issue.record("forwarded a message from a topic that names no drone", sourceLocation: sourceLocation)
                return
            }
            #expect(published.topic == "compliant/\(topicDrone)/telemetry", sourceLocation: sourceLocation)
            let problems = EgressOracle.problems(egress: published.payload, input: payload, topicDrone: topicDrone)
            #expect(problems.isEmpty, "\(problems)", sourceLocation: sourceLocation)
        case .redact, .block:
            Issue.record("a payload verdict for a telemetry topic", sourceLocation: sourceLocation)
        }
    }
}

extension TopicPattern {
    static let telemetry = try! TopicPattern("fleet/{drone}/telemetry")
}

/// An independent check of a forwarded message, written from PRODUCT.md rather than from the decoder.
enum EgressOracle {
    static let identifierBytes = Set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.".utf8)

    static func isIdentifier(_ value: JSONValue?) -> Bool {
        guard let text = value?.stringValue else { return false }
        return (1...64).contains(text.utf8.count) && text.utf8.allSatisfy(identifierBytes.contains)
    }

    static func number(_ value: JSONValue?, in range: ClosedRange<Double>) -> Bool {
        guard let number = value?.doubleValue else { return false }
        return number.isFinite && range.contains(number)
    }

    /// Why a forwarded message should not have been: empty when it is a valid fix of the topic's drone.
    static func problems(egress: [UInt8], input: [UInt8], topicDrone: String) -> [String] {
        var problems: [String] = []
        func check(_ ok: Bool, _ problem: String) { if !ok { problems.append(problem) } }
        guard let out = try? JSONParser.parse(egress).objectValue else { return ["egress is not a JSON object"] }
        guard input.count <= 65_536,
            let source = try? JSONParser.parse(input, limits: .init(maximumDepth: 8)).objectValue
        else { return ["forwarded an input that is not a JSON object"] }

        let allowed: Set = [
            "v", "drone", "mission", "seq", "time", "position", "velocity", "battery_pct", "compliance",
        ]
        check(Set(out.keys).isSubset(of: allowed), "unknown top-level keys \(out.keys)")
        for key in ["v", "drone", "mission", "seq", "time", "position", "compliance"] {
            check(out[key] != nil, "\(key) missing")
        }
        check(out["v"]?.doubleValue == 1 && source["v"]?.doubleValue == 1, "version is not 1")
        check(isIdentifier(out["drone"]) && out["drone"]?.stringValue == topicDrone, "drone is not the topic's")
        check(source["drone"]?.stringValue == topicDrone, "the input's drone is not the topic's")
        check(isIdentifier(out["mission"]) && out["mission"] == source["mission"], "bad mission")
        check(number(out["seq"], in: 0...9_007_199_254_740_991), "bad seq")
        check(out["seq"]?.doubleValue == source["seq"]?.doubleValue, "seq changed")
        check(out["seq"]?.doubleValue.map { $0.rounded() == $0 } ?? false, "seq is not whole")
        let time = out["time"]?.stringValue.flatMap { try? RFC3339.parse($0) }
        let sourceTime = source["time"]?.stringValue.flatMap { try? RFC3339.parse($0) }
        check(time != nil && sourceTime != nil, "bad time")
        if let time, let sourceTime { check(abs(time.timeIntervalSince(sourceTime)) < 0.001, "time changed") }

        let position = out["position"]?.objectValue
        check(position?.keys.sorted() == ["alt_m", "alt_ref", "lat", "lon"], "position keys")
        check(number(position?["lat"], in: -90...90), "bad lat")
        check(number(position?["lon"], in: -180...180), "bad lon")
        check(number(position?["alt_m"], in: -1_000...100_000), "bad alt_m")
        check(["AGL", "AMSL", "WGS84"].contains(position?["alt_ref"]?.stringValue ?? ""), "bad alt_ref")
        for key in ["lat", "lon", "alt_m", "alt_ref"] {
            check(
                position?[key] == source["position"]?[key]
                    || position?[key]?.doubleValue != nil
                        && position?[key]?.doubleValue == source["position"]?[key]?.doubleValue,
                "position.\(key) changed")
        }
        if let velocity = out["velocity"] {
            let members = velocity.objectValue ?? [:]
            check(velocity.objectValue != nil, "velocity is not an object")
            check(
                Set(members.keys).isSubset(of: ["ground_speed_mps", "track_deg", "vertical_speed_mps"]),
                "velocity keys")
            for member in members.members { check(number(member.value, in: -300...360), "bad velocity.\(member.key)") }
        }
        if let battery = out["battery_pct"] { check(number(battery, in: 0...100), "bad battery") }
        let state = out["compliance"]?["state"]?.stringValue
        check(["compliant", "warning", "breach"].contains(state ?? ""), "bad compliance state")
        return problems
    }
}
