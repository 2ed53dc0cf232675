import Airspace
import Foundation
import Geo
import StrictJSON

/// The normalised fix consumers receive: only fields flowgate understood, rebuilt from the decoded values
/// (an allowlist by construction), with the compliance verdict attached.
enum EgressTelemetry {
    /// The message as UTF-8 JSON, written member by member (no tree to build and free for every fix).
    static func bytes(
        _ fix: TelemetryFix, state: ComplianceState, breaches: [Finding], warnings: [Finding], assessment: Assessment,
        now: Date
    ) -> [UInt8] {
        var message = JSONObjectWriter(capacity: 1_024)
        message.member("v", integer: 1)
        message.member("drone", string: fix.drone)
        message.member("mission", string: fix.mission)
        message.member("seq", integer: Int(fix.seq))
        message.member("time", string: RFC3339.format(fix.time))
        message.member("position") { position in
            position.member("lat", number: fix.position.latitude)
            position.member("lon", number: fix.position.longitude)
            position.member("alt_m", number: fix.altitude)
            position.member("alt_ref", string: fix.altitudeReference.rawValue)
        }
        if let velocity = fix.velocity {
            message.member("velocity") { v in
                if let speed = velocity.groundSpeed { v.member("ground_speed_mps", number: speed) }
                if let track = velocity.track { v.member("track_deg", number: track) }
                if let vertical = velocity.verticalSpeed { v.member("vertical_speed_mps", number: vertical) }
            }
        }
        if let battery = fix.batteryPercent { message.member("battery_pct", number: battery) }
        if let source = fix.source { message.member("source", string: source) }
        message.member("compliance") { compliance in
            compliance.member("state", string: state.rawValue)
            compliance.member("reasons", .array(breaches.map(\.json)))
            compliance.member("warnings", .array(warnings.map(\.json)))
            // Not the assessment's whole JSON: its reasons (and their detail texts) are replaced by the findings.
            assessment.writeSituation(into: &compliance)
            compliance.member("checked_at", string: RFC3339.format(now))
        }
        return message.finish()
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
