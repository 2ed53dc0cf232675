import Airspace
import Compliance
import Foundation
import Geo
import Testing

/// A new bundle put in force while drones fly (``ComplianceEngine/useAirspace(_:now:)``): it applies from every
/// drone's next message, a payload's included, which is judged against its drone's last fix.
@Suite("Engine: a bundle reloaded while drones fly")
struct EngineAirspaceReloadTests {
    /// The demo bundle with one more zone.
    static func demo(adding zone: Zone) -> AirspaceIndex {
        var bundle = Demo.airspace.bundle
        bundle.zones.append(zone)
        return AirspaceIndex(bundle: bundle)
    }

    static let landingSite = Zone(
        id: "nf-added", name: "Landing site added in flight", kind: .noFly,
        shape: .circle(try! Circle(center: Demo.corridor, radius: 60)))

    @Test("a no-fly zone added around a hovering drone blocks its very next payload, and its next fix")
    func newNoFlyZone() {
        var engine = ComplianceEngine.withCompliantFix()
        var payload = LivePayload()
        payload.time = Demo.noon.addingTimeInterval(0.5)
        #expect(engine.send(payload).verdict == .forward)

        engine.useAirspace(Self.demo(adding: Self.landingSite), now: Demo.noon.addingTimeInterval(0.6))
        payload.seq = 2
        payload.time = Demo.noon.addingTimeInterval(0.7)
        let blocked = engine.send(payload)
        #expect(blocked.verdict == .block)
        #expect(blocked.codes.contains("in_no_fly"), "\(blocked.codes)")

        var fix = Fix()
        fix.seq = 2
        fix.time = Demo.noon.addingTimeInterval(1)
        let next = engine.send(fix)
        #expect(next.state == .breach)
        #expect(next.eventReasons["breach_started"]?.contains("in_no_fly") == true, "\(next.eventReasons)")
    }

    @Test("an authorisation revoked by a reload blocks the next payload; restoring it lets payload through")
    func revokedAuthorisation() {
        var engine = ComplianceEngine.withCompliantFix()
        var revoked = Demo.airspace.bundle
        revoked.authorisations = []
        engine.useAirspace(AirspaceIndex(bundle: revoked), now: Demo.noon.addingTimeInterval(0.2))
        var payload = LivePayload()
        payload.time = Demo.noon.addingTimeInterval(0.3)
        let blocked = engine.send(payload)
        #expect(blocked.verdict == .block)
        #expect(blocked.codes.contains("no_authorisation"), "\(blocked.codes)")

        engine.useAirspace(Demo.airspace, now: Demo.noon.addingTimeInterval(0.4))
        payload.seq = 2
        payload.time = Demo.noon.addingTimeInterval(0.5)
        #expect(engine.send(payload).verdict == .forward)
    }
}
