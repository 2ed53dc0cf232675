import Airspace
import Foundation
import Geo
import StrictJSON

/// The normalised fix consumers receive: only fields flowgate understood, rebuilt from the decoded values
/// (an allowlist by construction), with the compliance verdict attached.
enum EgressTelemetry {
    static func json(
        _ fix: TelemetryFix, state: ComplianceState, breaches: [Finding], warnings: [Finding], assessment: Assessment,
        now: Date
    ) -> JSONObject {
        var object: JSONObject = [
            "v": .number(1), "drone": .string(fix.drone), "mission": .string(fix.mission), "seq": .number(Int(fix.seq)),
            "time": .string(RFC3339.format(fix.time)),
            "position": .object([
                "lat": .number(fix.position.latitude), "lon": .number(fix.position.longitude),
                "alt_m": .number(fix.altitude), "alt_ref": .string(fix.altitudeReference.rawValue),
            ]),
        ]
        if let velocity = fix.velocity {
            var v = JSONObject()
            if let speed = velocity.groundSpeed { v["ground_speed_mps"] = .number(speed) }
            if let track = velocity.track { v["track_deg"] = .number(track) }
            if let vertical = velocity.verticalSpeed { v["vertical_speed_mps"] = .number(vertical) }
            object["velocity"] = .object(v)
        }
        if let battery = fix.batteryPercent { object["battery_pct"] = .number(battery) }
        if let source = fix.source { object["source"] = .string(source) }
        var compliance: JSONObject = [
            "state": .string(state.rawValue),
            "reasons": .array(breaches.map(\.json)),
            "warnings": .array(warnings.map(\.json)),
        ]
        for member in assessment.json.members
        where ["zones", "authorised", "authorisation", "capture_allowed", "nearest_boundary"].contains(member.key) {
            compliance[member.key] = member.value
        }
        compliance["checked_at"] = .string(RFC3339.format(now))
        object["compliance"] = .object(compliance)
        return object
    }
}

extension Finding {
    var json: JSONValue {
        var object: JSONObject = ["code": .string(code), "subject": subject.map(JSONValue.string) ?? .null]
        if let metres { object["distance_m"] = .number((metres * 100).rounded() / 100) }
        object["detail"] = .string(detail)
        return .object(object)
    }
}

/// Events on `flowgate/events/{drone}`. They never carry a refused payload's content.
enum EventMessage {
    static func make(_ kind: String, fix: TelemetryFix, findings: [Finding], now: Date) -> JSONObject {
        [
            "v": .number(1), "event": .string(kind), "drone": .string(fix.drone), "mission": .string(fix.mission),
            "seq": .number(Int(fix.seq)), "time": .string(RFC3339.format(now)),
            "position": .object(["lat": .number(fix.position.latitude), "lon": .number(fix.position.longitude)]),
            "reasons": .array(findings.map(\.json)),
        ]
    }

    static func integrity(fix: TelemetryFix, findings: [Finding], now: Date) -> JSONObject {
        make("integrity_problem", fix: fix, findings: findings, now: now)
    }

    static func rejected(_ rejection: Rejection, drone: String?, now: Date) -> JSONObject {
        var object: JSONObject = [
            "v": .number(1), "event": "message_rejected", "drone": drone.map(JSONValue.string) ?? .null,
            "time": .string(RFC3339.format(now)), "code": .string(rejection.code.rawValue),
        ]
        if let field = rejection.field { object["field"] = .string(field) }
        object["detail"] = .string(rejection.problem)
        return object
    }
}
