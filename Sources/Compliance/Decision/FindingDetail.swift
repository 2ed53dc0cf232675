import Airspace
import Foundation
import Geo

/// Words a finding's facts, the way every egress message, event and report shows them.
enum FindingDetail {
    static func words(_ code: FindingCode, _ facts: FindingFacts) -> String {
        switch facts {
        case .airspace(let reason): reason.detail
        case .clockSkew(let skew, let allowed): clock(code, skew: skew, allowed: allowed)
        case .speed(let metres, let seconds, let limit):
            seconds > 0
                ? String(
                    format: "%.1f m in %.3f s is %.1f m/s, over %.1f m/s", metres, seconds, metres / seconds, limit)
                : String(format: "%.1f m with no time elapsed since the last fix", metres)
        case .replay(let seq, let last, let beforeRestart):
            beforeRestart
                ? "seq \(seq) belongs to the count before the drone's restart"
                : "seq \(seq) is not above the last accepted \(last)"
        case .restart(let seq, let after):
            "seq \(seq) after \(after): the drone's count restarted, its own time is newer"
        case .fixAge(let age, let allowed): String(format: "last fix %.1f s old, allowed %.1f s", age, allowed)
        case .suspension(let since, let codes):
            "suspended since \(RFC3339.format(since)) (\(codes.map(\.rawValue).joined(separator: ", ")))"
        case .identifyingTags(let tags):
            "the KLV packet carries tag \(tags.map(String.init).joined(separator: ", tag ")): tracks or image chips of targets identify persons"
        case .payload(let facts): facts.detail
        case .none: meaning(code)
        }
    }

    /// A drone's fix is checked to the millisecond; a payload's time to a tenth of a second.
    private static func clock(_ code: FindingCode, skew: Double, allowed: Double) -> String {
        let ahead = skew > 0
        switch code {
        case .join:
            return String(
                format: "payload time %.1f s \(ahead ? "ahead of" : "behind") the gateway, allowed %.1f s", abs(skew),
                allowed)
        default:
            return String(
                format: "fix time %.3f s \(ahead ? "ahead of" : "behind") the gateway, allowed %.3f s", abs(skew),
                allowed)
        }
    }

    private static func meaning(_ code: FindingCode) -> String {
        switch code {
        case .join(.noFix): "no telemetry from this drone yet"
        case .join(.missionMismatch): "the payload's mission is not the mission of the drone's telemetry"
        case .join(.inNoCapture): "the drone is inside an active no-capture zone"
        default: code.rawValue.replacingOccurrences(of: "_", with: " ")
        }
    }
}
