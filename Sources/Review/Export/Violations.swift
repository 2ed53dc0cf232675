import Audit
public import Foundation
public import Geo
import StrictJSON

/// Where and when a drone broke a rule, for the map and the exports.
///
/// A breach counts once, at the fix where the drone entered it; a run of blocked messages from one stream for
/// the same reasons counts once (with how many), so that a 10 Hz stream blocked for a minute is one marker.
/// Telemetry withheld because of a breach is covered by the breach; payload blocked only because its stream
/// was suspended is covered by the suspension.
public struct Violation: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case breach, blocked, suspension
    }

    public var kind: Kind
    public var time: Date
    public var lastTime: Date
    public var drone: String
    public var mission: String?
    public var stream: String?
    /// Where the drone was (its last fix at that time); `nil` when the record has no fix for it.
    public var position: GeoPoint?
    public var reasons: [String]
    public var count: Int

    /// Messages blocked within this many seconds of each other, same drone, stream and reasons, are one violation.
    public static let mergeWindow = 10.0

    /// `3: blocked D7 identification_product`: the marker's hover text in the report.
    public func label(number: Int) -> String {
        "\(number): \(kind.rawValue) \(drone) \(reasons.joined(separator: ", "))"
    }

    public static func find(in run: RecordedRun) -> [Violation] {
        var found: [Violation] = []
        var previousState: [String: TrackState] = [:]
        for fix in run.tracks {
            if fix.state == .breach && previousState[fix.drone] != .breach {
                found.append(
                    Violation(
                        kind: .breach, time: fix.time, lastTime: fix.time, drone: fix.drone, mission: fix.mission,
                        position: fix.position, reasons: fix.reasons, count: 1))
            }
            previousState[fix.drone] = fix.state
        }
        var open: [String: Int] = [:]
        for decision in run.decisions where decision.verdict == .block || decision.verdict == .reject {
            guard let drone = decision.drone, !decision.reasons.allSatisfy({ $0 == "stream_suspended" }) else {
                continue
            }
            let key = "\(drone)\u{1}\(decision.stream ?? "")\u{1}\(decision.reasons.sorted().joined(separator: ","))"
            if let index = open[key], decision.time.timeIntervalSince(found[index].lastTime) <= mergeWindow {
                found[index].lastTime = decision.time
                found[index].count += 1
                continue
            }
            open[key] = found.count
            found.append(
                Violation(
                    kind: .blocked, time: decision.time, lastTime: decision.time, drone: drone,
                    mission: decision.mission, stream: decision.stream,
                    position: run.position(of: drone, at: decision.time), reasons: decision.reasons, count: 1))
        }
        for record in run.records(.suspension) {
            guard let drone = record.drone, let time = record.date else { continue }
            found.append(
                Violation(
                    kind: .suspension, time: time, lastTime: time, drone: drone, mission: record.mission,
                    stream: record.stream, position: run.position(of: drone, at: time),
                    reasons: [record.fields["reason"]?.stringValue ?? "suspended"], count: 1))
        }
        return found.sorted { ($0.time, $0.drone) < ($1.time, $1.drone) }
    }
}
