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
