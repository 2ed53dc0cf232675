import Compliance
import Foundation
import Geo
import StrictJSON
import Testing

@Suite("Telemetry engine: compliance of fixes")
struct EngineComplianceTests {
    @Test("a compliant fix is forwarded, normalised, with compliance state compliant and no event")
    func compliant() throws {
        var engine = Demo.engine()
        let decision = engine.send(Fix(), now: Demo.noon.addingTimeInterval(0.25))
        #expect(decision.verdict == .forward)
        #expect(decision.drone == "D1")
        #expect(decision.state == .compliant)
        #expect(decision.findings.isEmpty)
        #expect(decision.rejection == nil)
        #expect(decision.publications.count == 1)
        let publication = try #require(decision.egressPublications.first)
        #expect(publication.topic == "compliant/D1/telemetry")
        #expect(publication.qos == 1)
        #expect(publication.retain == false)
        let egress = try #require(decision.egressJSON)
        #expect(egress["drone"] == "D1")
        #expect(egress["time"] == "2026-11-28T13:00:00.000Z")
        let compliance = try #require(egress["compliance"]?.objectValue)
        #expect(compliance["state"] == "compliant")
        #expect(compliance["reasons"] == .array([]))
        #expect(compliance["warnings"] == .array([]))
        #expect(compliance["authorised"] == .bool(true))
        #expect(compliance["authorisation"] == "AUTH-2026-11-28-M-0412")
        #expect(compliance["capture_allowed"] == .bool(true))
        #expect(compliance["zones"]?["operation_area"] == .array(["oa-route-corridor"]))
        #expect(compliance["nearest_boundary"]?["zone"] == "oa-route-corridor")
        #expect(compliance["checked_at"] == "2026-11-28T13:00:00.250Z")
    }

    /// First fix of a drone in each kind of breach: forwarded, flagged, and a breach_started event.
    static let breaches: [(String, GeoPoint, Double, String, String)] = [
        ("below the floor", Demo.corridor, 20, "below_floor", "oa-route-corridor"),
        ("above the ceiling", Demo.corridor, 130, "above_ceiling", "oa-route-corridor"),
        ("outside the operation area", Demo.southOfCorridor, 75, "outside_operation_area", "oa-route-corridor"),
        ("in a no-fly zone", Demo.rescueLandingSite, 75, "in_no_fly", "nf-rescue-landing-site"),
    ]

    @Test("a fix in breach is forwarded flagged, with its reasons and a breach_started event", arguments: breaches)
    func breach(name: String, position: GeoPoint, altitude: Double, code: String, subject: String) throws {
        var engine = Demo.engine()
        var fix = Fix()
        fix.position = position
        fix.altitude = altitude
        let decision = engine.send(fix)
        #expect(decision.verdict == .forward)
        #expect(decision.state == .breach)
        #expect(decision.codes == [code])
        #expect(decision.findings.first?.subject == subject)
        #expect(decision.findings.first?.severity == .breach)
        let egress = try #require(decision.egressJSON)
        #expect(egress["compliance"]?["state"] == "breach")
        #expect(egress["compliance"]?["reasons"]?.codes == [code])
        #expect(egress["compliance"]?["reasons"]?.arrayValue?.first?["subject"] == .string(subject))
        #expect(decision.eventKinds == ["breach_started"])
        let event = try #require(decision.publishedEvents.first)
        #expect(decision.publications.last?.topic == "flowgate/events/D1")
        #expect(decision.publications.last?.qos == 1)
        #expect(event["drone"] == "D1")
        #expect(event["mission"] == "M-0412")
        #expect(event["seq"] == .number(1))
        #expect(event["reasons"]?.codes == [code])
        #expect(event["position"]?["lat"] == .number(position.latitude))
    }

    @Test("the documented details of the sample breaches")
    func details() {
        var engine = Demo.engine()
        var fix = Fix()
        fix.altitude = 20
        #expect(engine.send(fix).findings.first?.detail == "10.0 m below the floor")
        var outside = Fix(drone: "D2")
        outside.position = Demo.southOfCorridor
        let decision = engine.send(outside)
        #expect(decision.findings.first?.detail == "250.4 m outside the area")
        #expect(decision.egressJSON?["compliance"]?["reasons"]?.arrayValue?.first?["distance_m"] == .number(250.38))
    }

    @Test("returning to compliance raises breach_ended")
    func breachEnded() throws {
        var engine = Demo.engine()
        let first = Fix()
        #expect(engine.send(first).eventKinds.isEmpty)
        let low = first.next(altitude: 20)
        #expect(engine.send(low).eventKinds == ["breach_started"])
        // Back within the quiet period: still the same announced breach, whose end waits.
        let soon = low.next(after: 1, altitude: 75)
        #expect(engine.send(soon).eventKinds.isEmpty)
        let back = soon.next(after: TransitionTiming.quietPeriod, altitude: 75)
        let decision = engine.send(back)
        #expect(decision.verdict == .forward)
        #expect(decision.state == .compliant)
        #expect(decision.eventKinds == ["breach_ended"])
        #expect(decision.publishedEvents.first?["reasons"] == .array([]))
        #expect(decision.egressJSON?["compliance"]?["state"] == "compliant")
        // Staying compliant raises nothing more.
        #expect(engine.send(back.next()).eventKinds.isEmpty)
    }

    @Test("a breach whose reasons change raises breach_changed; the same reasons raise nothing")
    func breachChanged() throws {
        var engine = Demo.engine()
        let low = Fix(altitude: 20)
        #expect(engine.send(low).eventKinds == ["breach_started"])
        // Still below the floor, by another distance: the same reason, no event.
        let lower = low.next(altitude: 15)
        let same = engine.send(lower)
        #expect(same.state == .breach)
        #expect(same.eventKinds.isEmpty)
        // Above the ceiling now: another reason.
        let high = lower.next(altitude: 130)
        let changed = engine.send(high)
        #expect(changed.codes == ["above_ceiling"])
        #expect(changed.eventKinds == ["breach_changed"])
        #expect(changed.publishedEvents.first?["reasons"]?.codes == ["above_ceiling"])
        // Above the ceiling and inside the no-fly zone: a reason added is a change too.
        let both = engine.send(high.next(after: 60, at: Demo.rescueLandingSite))
        #expect(Set(both.codes) == ["above_ceiling", "in_no_fly"])
        #expect(both.eventKinds == ["breach_changed"])
    }

    @Test("warning_entered when a new warning appears, not again while it lasts, again after it cleared")
    func warnings() throws {
        var engine = Demo.engine()
        let start = Fix()
        #expect(engine.send(start).eventKinds.isEmpty)
        let edge = start.next(after: 10, at: Demo.nearNorthEdge)
        let entered = engine.send(edge)
        #expect(entered.verdict == .forward)
        #expect(entered.state == .warning)
        #expect(entered.codes == ["near_operation_area_boundary"])
        #expect(entered.findings.first?.severity == .warning)
        #expect(entered.eventKinds == ["warning_entered"])
        #expect(entered.publishedEvents.first?["reasons"]?.codes == ["near_operation_area_boundary"])
        let egress = try #require(entered.egressJSON)
        #expect(egress["compliance"]?["state"] == "warning")
        #expect(egress["compliance"]?["reasons"] == .array([]))
        #expect(egress["compliance"]?["warnings"]?.codes == ["near_operation_area_boundary"])

        let stay = edge.next()
        let staying = engine.send(stay)
        #expect(staying.state == .warning)
        #expect(staying.eventKinds.isEmpty)

        let away = stay.next(after: 10, at: Demo.corridor)
        let cleared = engine.send(away)
        #expect(cleared.state == .compliant)
        #expect(cleared.eventKinds.isEmpty)

        let again = engine.send(away.next(after: 10, at: Demo.nearNorthEdge))
        #expect(again.eventKinds == ["warning_entered"])
    }

    @Test("a different warning while warned is entered; warnings near a no-fly zone too")
    func anotherWarning() {
        var engine = Demo.engine()
        let near = Fix(position: Demo.nearRescueLandingSite)
        let first = engine.send(near)
        #expect(first.state == .warning)
        #expect(first.codes == ["near_no_fly"])
        #expect(first.findings.first?.subject == "nf-rescue-landing-site")
        #expect(first.findings.first?.detail == "40.7 m from the no-fly zone, margin 50.0 m")
        #expect(first.eventKinds == ["warning_entered"])
        // The same place a little lower: the floor's margin adds a second warning, and only it is announced.
        let lower = engine.send(near.next(altitude: 40))
        #expect(Set(lower.codes) == ["near_no_fly", "near_operation_area_boundary"])
        #expect(lower.eventKinds == ["warning_entered"])
        #expect(lower.publishedEvents.first?["reasons"]?.codes == ["near_operation_area_boundary"])
    }

    @Test("authorisation_expired is raised once, when it appears")
    func authorisationExpired() throws {
        var engine = Demo.engine()
        let before = Fix(time: Demo.expiry.addingTimeInterval(-2))
        #expect(engine.send(before).state == .compliant)
        let atEnd = before.next(after: 2)
        let expired = engine.send(atEnd)
        #expect(expired.state == .breach)
        #expect(expired.codes == ["authorisation_expired"])
        #expect(expired.findings.first?.detail == "ended at 2026-11-28T20:00:00.000Z")
        #expect(expired.eventKinds == ["breach_started", "authorisation_expired"])
        #expect(expired.publishedEvents.last?["reasons"]?.codes == ["authorisation_expired"])
        let later = engine.send(atEnd.next())
        #expect(later.codes == ["authorisation_expired"])
        #expect(later.eventKinds.isEmpty)
    }

    @Test("authorisation_expired is raised when a breach for another reason turns into an expiry")
    func expiredDuringBreach() {
        var engine = Demo.engine()
        let low = Fix(time: Demo.expiry.addingTimeInterval(-1), altitude: 20)
        #expect(engine.send(low).eventKinds == ["breach_started"])
        let decision = engine.send(low.next(after: 1))
        #expect(decision.codes.contains("authorisation_expired"))
        #expect(decision.eventKinds == ["breach_changed", "authorisation_expired"])
    }

    @Test("a drone the authorisation does not name is in breach: no_authorisation")
    func unauthorisedDrone() {
        var engine = Demo.engine()
        let decision = engine.send(Fix(drone: "D9"))
        #expect(decision.verdict == .forward)
        #expect(decision.codes == ["no_authorisation"])
        #expect(decision.egressJSON?["compliance"]?["authorisation"] == .null)
    }
}
