import Airspace
import Compliance
import Foundation
import Geo
import StrictJSON
import Testing

/// What consumers receive on `compliant/{drone}/telemetry`: only the documented members, rebuilt from the
/// decoded values.
@Suite("Egress telemetry")
struct EgressTelemetryTests {
    static let complianceKeys = [
        "state", "reasons", "warnings", "zones", "authorised", "authorisation", "capture_allowed", "nearest_boundary",
        "checked_at",
    ]

    @Test("a full fix with unknown members at every level is published with exactly the documented keys")
    func exactKeys() throws {
        var object = Fix().json
        object["velocity"] = .object([
            "ground_speed_mps": .number(4.2), "track_deg": .number(87), "vertical_speed_mps": .number(0.1),
            "wind_mps": .number(3),
        ])
        object["battery_pct"] = .number(71)
        object["camera_serial"] = "XK-1"
        object["face_embedding"] = .array([.number(0.1), .number(0.2)])
        object = Fix.set(object, path: ["position", "hdop"], to: .number(0.7))
        var engine = Demo.engine()
        let decision = engine.process(topic: "fleet/D1/telemetry", payload: bytes(object), receivedAt: Demo.noon)
        let egress = try #require(decision.egressJSON)
        #expect(
            egress.keys == [
                "v", "drone", "mission", "seq", "time", "position", "velocity", "battery_pct", "compliance",
            ])
        #expect(egress["v"] == .number(1))
        #expect(egress["drone"] == "D1")
        #expect(egress["mission"] == "M-0412")
        #expect(egress["seq"] == .number(1))
        #expect(egress["time"] == "2026-11-28T13:00:00.000Z")
        #expect(egress["position"]?.objectValue?.keys == ["lat", "lon", "alt_m", "alt_ref"])
        #expect(egress["position"]?["lat"] == .number(52.5152))
        #expect(egress["position"]?["lon"] == .number(13.36))
        #expect(egress["position"]?["alt_m"]?.doubleValue == 75)
        #expect(egress["position"]?["alt_ref"] == "AGL")
        #expect(egress["velocity"]?.objectValue?.keys == ["ground_speed_mps", "track_deg", "vertical_speed_mps"])
        #expect(egress["velocity"]?["ground_speed_mps"]?.doubleValue == 4.2)
        #expect(egress["velocity"]?["track_deg"]?.doubleValue == 87)
        #expect(egress["velocity"]?["vertical_speed_mps"]?.doubleValue == 0.1)
        #expect(egress["battery_pct"]?.doubleValue == 71)
        #expect(egress["compliance"]?.objectValue?.keys == Self.complianceKeys)
    }

    @Test("the compliance object's situation is the assessment's situationJSON, member for member")
    func situationAsAssessment() throws {
        let fixes = [
            Fix(), Fix(altitude: 20), Fix(position: GeoPoint(latitude: 52.52, longitude: 13.45)), Fix(drone: "D9"),
        ]
        for fix in fixes {
            var engine = Demo.engine()
            let egress = try #require(engine.send(fix).egressJSON)
            let assessment = engine.airspace.assess(
                PositionQuery(
                    drone: fix.drone, mission: fix.mission, position: fix.position, altitude: fix.altitude,
                    altitudeReference: .agl, time: fix.time))
            let compliance = try #require(egress["compliance"]?.objectValue)
            for member in assessment.situationJSON.members {
                #expect(compliance[member.key] == member.value, "\(fix.drone) \(fix.altitude): \(member.key)")
            }
        }
    }

    @Test("without velocity and battery, those members are absent")
    func minimalFix() throws {
        var engine = Demo.engine()
        let egress = try #require(engine.send(Fix()).egressJSON)
        #expect(egress.keys == ["v", "drone", "mission", "seq", "time", "position", "compliance"])
    }

    @Test("a partial velocity keeps only what was given")
    func partialVelocity() throws {
        var fix = Fix()
        fix.velocity = ["track_deg": .number(10), "x": .number(1)]
        var engine = Demo.engine()
        let egress = try #require(engine.send(fix).egressJSON)
        #expect(egress["velocity"]?.objectValue?.keys == ["track_deg"])
    }

    @Test("the time is normalised to UTC with milliseconds")
    func normalisedTime() throws {
        let object = Fix().with("time", "2026-11-28T14:00:00.25+01:00")
        var engine = Demo.engine()
        let decision = engine.process(topic: "fleet/D1/telemetry", payload: bytes(object), receivedAt: Demo.noon)
        #expect(decision.egressJSON?["time"] == "2026-11-28T13:00:00.250Z")
    }

    @Test("a breach's reasons in egress carry code, subject, distance and detail")
    func reasonShape() throws {
        var engine = Demo.engine()
        let egress = try #require(engine.send(Fix(altitude: 20)).egressJSON)
        let reason = try #require(egress["compliance"]?["reasons"]?.arrayValue?.first?.objectValue)
        #expect(reason.keys == ["code", "subject", "distance_m", "detail"])
        #expect(reason["code"] == "below_floor")
        #expect(reason["subject"] == "oa-route-corridor")
        #expect(reason["distance_m"] == .number(10.0))
        #expect(reason["detail"] == "10.0 m below the floor")
    }

    @Test("events carry the documented members")
    func eventShape() throws {
        var engine = Demo.engine()
        let event = try #require(engine.send(Fix(altitude: 20)).publishedEvents.first)
        #expect(event.keys == ["v", "event", "drone", "mission", "seq", "time", "position", "reasons"])
        #expect(event["position"]?.objectValue?.keys == ["lat", "lon"])
    }
}
