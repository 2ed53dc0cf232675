import Compliance
import Foundation
import Geo
import StrictJSON
import Testing

@Suite("Telemetry engine: policy, time, counters, drones and rejections")
struct EnginePolicyTests {
    @Test("withholdBreaches withholds a fix in breach but still publishes its events")
    func withholdBreaches() throws {
        var engine = Demo.engine { $0.withholdBreaches = true }
        let first = Fix()
        #expect(engine.send(first).verdict == .forward)
        let low = first.next(altitude: 20)
        let withheld = engine.send(low)
        #expect(withheld.verdict == .withhold)
        #expect(withheld.state == .breach)
        #expect(withheld.codes == ["below_floor"])
        #expect(withheld.egressPublications.isEmpty)
        #expect(withheld.publications.count == 1)
        #expect(withheld.eventKinds == ["breach_started"])
        // Warnings are not breaches: forwarded.
        let edge = low.next(after: 10, at: Demo.nearNorthEdge, altitude: 75)
        let warned = engine.send(edge)
        #expect(warned.verdict == .forward)
        #expect(warned.state == .warning)
        #expect(warned.eventKinds == ["breach_ended", "warning_entered"])
        #expect(warned.egressPublications.count == 1)
    }

    @Test("withholdBreaches withholds integrity problems too, with their events")
    func withholdIntegrity() {
        var engine = Demo.engine { $0.withholdBreaches = true }
        let decision = engine.send(Fix(time: Demo.noon.addingTimeInterval(60)), now: Demo.noon)
        #expect(decision.verdict == .withhold)
        #expect(decision.egressPublications.isEmpty)
        #expect(decision.eventKinds == ["breach_started", "integrity_problem"])
    }

    @Test("zones and authorisations are judged at the gateway's time, not the fix's")
    func gatewayTime() throws {
        var engine = Demo.engine()
        // The drone says 19:59:59, within the authorisation; the gateway says 20:00:00, after it.
        let late = engine.send(Fix(time: Demo.expiry.addingTimeInterval(-1)), now: Demo.expiry)
        #expect(late.codes == ["authorisation_expired"])
        #expect(late.egressJSON?["time"] == "2026-11-28T19:59:59.000Z")
        #expect(late.egressJSON?["compliance"]?["checked_at"] == "2026-11-28T20:00:00.000Z")

        // The drone says 20:00:01 (2 s ahead, allowed); the gateway says 19:59:59: still authorised.
        var other = Demo.engine()
        let early = other.send(Fix(time: Demo.expiry.addingTimeInterval(1)), now: Demo.expiry.addingTimeInterval(-1))
        #expect(early.state == .compliant)
        #expect(early.findings.isEmpty)
    }

    @Test("a no-fly zone's activity window is judged at the gateway's time")
    func zoneActivityAtGatewayTime() {
        // The rescue landing site is a no-fly zone from 09:00Z; the drone's clock says 08:59:59.
        let nine = Demo.time("2026-11-28T09:00:00Z")
        var engine = Demo.engine()
        let decision = engine.send(
            Fix(time: nine.addingTimeInterval(-1), position: Demo.rescueLandingSite), now: nine)
        #expect(decision.codes == ["in_no_fly"])
    }

    @Test("counts count verdicts, and reasons once per message")
    func counts() {
        var engine = Demo.engine()
        var counts = DecisionCounts()
        #expect(counts.decided == 0)
        let first = Fix()
        counts.count(engine.send(first))  // forward, compliant
        let low = first.next(altitude: 20)
        counts.count(engine.send(low))  // forward, below_floor
        counts.count(engine.send(low))  // withhold, replayed_seq
        counts.count(engine.send(low.next(after: 10, at: Demo.nearNorthEdge, altitude: 75)))  // forward, warning
        counts.count(engine.process(topic: "fleet/D1/telemetry", payload: bytes("{"), receivedAt: Demo.noon))
        counts.count(engine.process(topic: "fleet/D1/telemetry", payload: bytes("[]"), receivedAt: Demo.noon))
        counts.count(engine.process(topic: "elsewhere", payload: first.bytes, receivedAt: Demo.noon))
        // Two reasons with the same code in one message count once.
        var d2 = Fix(drone: "D2", time: Demo.noon.addingTimeInterval(60), position: Demo.rescueLandingSite)
        d2.altitude = 130
        counts.count(engine.send(d2, now: Demo.noon))
        #expect(counts.verdicts == [.forward: 4, .withhold: 1, .reject: 3])
        #expect(
            Dictionary(uniqueKeysWithValues: counts.reasons.map { ($0.key.rawValue, $0.value) }) == [
                "below_floor": 1, "replayed_seq": 1, "near_operation_area_boundary": 1, "malformed_json": 2,
                "unknown_topic": 1, "clock_ahead": 1, "above_ceiling": 1, "in_no_fly": 1,
            ])
        #expect(counts.description.hasPrefix("verdict.forward=4 verdict.withhold=1 verdict.reject=3 reason."))
    }

    @Test("each drone has its own state")
    func independentDrones() {
        var engine = Demo.engine()
        let d1 = Fix(drone: "D1", seq: 100)
        #expect(engine.send(d1).state == .compliant)
        // D2 starts at a lower seq, far away, a second later: neither a replay nor a jump.
        let d2 = Fix(drone: "D2", seq: 1, time: d1.time.addingTimeInterval(1), position: Demo.nearRescueLandingSite)
        let first = engine.send(d2)
        #expect(first.verdict == .forward)
        #expect(!first.codes.contains("replayed_seq"))
        #expect(!first.codes.contains("implausible_speed"))
        // D1 breaches; D2's next fix neither ends nor continues it.
        let d1low = d1.next(altitude: 20)
        #expect(engine.send(d1low).eventKinds == ["breach_started"])
        let d2second = d2.next()
        let second = engine.send(d2second)
        #expect(second.state == .warning)
        #expect(second.eventKinds.isEmpty)
        // D2 breaches on its own; D1 ends its own breach.
        #expect(engine.send(d2second.next(altitude: 20)).eventKinds == ["breach_started"])
        #expect(
            engine.send(d1low.next(after: TransitionTiming.quietPeriod, altitude: 75)).eventKinds == ["breach_ended"])
    }

    @Test("a rejected message publishes message_rejected on its drone's events topic")
    func rejectionEvent() throws {
        var engine = Demo.engine()
        let now = Demo.noon.addingTimeInterval(0.5)
        let decision = engine.process(
            topic: "fleet/D1/telemetry", payload: bytes(Fix().with("position.lat", .number(91))), receivedAt: now)
        #expect(decision.verdict == .reject)
        #expect(decision.drone == "D1")
        #expect(decision.state == nil)
        #expect(decision.findings.isEmpty)
        #expect(decision.rejection?.code == .invalidField)
        #expect(decision.egressPublications.isEmpty)
        #expect(decision.publications.count == 1)
        let publication = try #require(decision.publications.first)
        #expect(publication.topic == "flowgate/events/D1")
        #expect(publication.qos == 1)
        #expect(publication.retain == false)
        let event = try #require(decision.publishedEvents.first)
        #expect(event.keys == ["v", "event", "drone", "time", "code", "field", "detail"])
        #expect(event["event"] == "message_rejected")
        #expect(event["drone"] == "D1")
        #expect(event["time"] == "2026-11-28T13:00:00.500Z")
        #expect(event["code"] == "invalid_field")
        #expect(event["field"] == "position.lat")
        #expect(event["detail"] == .string(decision.rejection?.problem ?? ""))
    }

    @Test("a rejection without a field has no field member")
    func rejectionWithoutField() throws {
        var engine = Demo.engine()
        let decision = engine.process(topic: "fleet/D3/telemetry", payload: bytes("{\"v\":"), receivedAt: Demo.noon)
        #expect(decision.publications.first?.topic == "flowgate/events/D3")
        let event = try #require(decision.publishedEvents.first)
        #expect(event.keys == ["v", "event", "drone", "time", "code", "detail"])
        #expect(event["code"] == "malformed_json")
    }

    @Test(
        "a topic that names no drone is unknown_topic, reported on flowgate/events/_unattributed",
        arguments: [
            "fleet/D1/status", "fleet/D1/telemetry/x", "fleet//telemetry", "fleet/+/telemetry", "fleet/D 1/telemetry",
            "compliant/D1/telemetry", "", "#",
        ])
    func unattributed(topic: String) throws {
        var engine = Demo.engine()
        let decision = engine.process(topic: topic, payload: Fix().bytes, receivedAt: Demo.noon)
        #expect(decision.verdict == .reject)
        #expect(decision.drone == nil)
        #expect(decision.rejection?.code == .unknownTopic)
        #expect(decision.publications.map(\.topic) == ["flowgate/events/_unattributed"])
        let event = try #require(decision.publishedEvents.first)
        #expect(event["drone"] == .null)
        #expect(event["code"] == "unknown_topic")
    }

    @Test("a rejected message leaves the drone's state alone")
    func rejectionKeepsState() {
        var engine = Demo.engine()
        let low = Fix(seq: 7, altitude: 20)
        #expect(engine.send(low).eventKinds == ["breach_started"])
        // A refused message with a higher seq, compliant-looking but invalid, is not "the last fix".
        var invalid = low.next(altitude: 75).json
        invalid["battery_pct"] = .number(300)
        #expect(engine.process(topic: low.topic, payload: bytes(invalid), receivedAt: low.time).verdict == .reject)
        // Seq 8 is still new; the breach is still on and ends now.
        #expect(engine.send(low.next(after: TransitionTiming.quietPeriod, altitude: 75)).eventKinds == ["breach_ended"])
    }

    @Test("configured topics are used for matching, egress and events")
    func customTopics() throws {
        var engine = Demo.engine {
            $0.topics.telemetry = try! TopicPattern("thing/product/{drone}/osd")
            $0.topics.compliantTelemetry = try! TopicPattern("ops/{drone}/position")
            $0.topics.events = try! TopicPattern("ops/{drone}/events")
        }
        let publisher = DecisionPublisher(topics: engine.policy.topics)
        let fix = Fix()
        let ignored = engine.process(topic: fix.topic, payload: fix.bytes, receivedAt: Demo.noon)
        #expect(ignored.rejection?.code == .unknownTopic)
        #expect(publisher.publications(for: ignored).map(\.topic) == ["ops/_unattributed/events"])
        let low = Fix(altitude: 20)
        let decision = engine.process(topic: "thing/product/D1/osd", payload: low.bytes, receivedAt: Demo.noon)
        #expect(decision.verdict == .forward)
        #expect(publisher.publications(for: decision).map(\.topic) == ["ops/D1/position", "ops/D1/events"])
    }

    @Test("the default policy is the documented one")
    func defaults() {
        let policy = CompliancePolicy()
        #expect(policy.maximumBytes == 65_536)
        #expect(policy.maximumSpeed == 40)
        #expect(policy.maximumClockAhead == 2)
        #expect(policy.maximumClockBehind == 30)
        #expect(policy.withholdBreaches == false)
        #expect(policy.topics.telemetry.description == "fleet/{drone}/telemetry")
        #expect(policy.topics.compliantTelemetry.description == "compliant/{drone}/telemetry")
        #expect(policy.topics.events.description == "flowgate/events/{drone}")
        #expect(TopicScheme.unattributed == "_unattributed")
    }
}
