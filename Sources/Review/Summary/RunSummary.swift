import Audit
import Foundation
import StrictJSON

/// What one drone did on one mission, in numbers.
public struct DroneSummary: Sendable, Equatable {
    public var drone: String
    public var mission: String?
    /// Seconds between consecutive fixes no further apart than the summary's gap limit.
    public var secondsFlown = 0.0
    /// The part of `secondsFlown` that started at a fix in breach.
    public var secondsInBreach = 0.0
    public var fixes = 0
    /// From tallies: plain forwards are only counted there.
    public var forwarded = 0
    /// From decision records, one per message.
    public var redacted = 0
    public var blocked = 0
    /// Blocked messages per reason code (a message with two reasons counts under both).
    public var blockedByReason: [String: Int] = [:]
    public var suspensions = 0

    public init(drone: String, mission: String?) {
        self.drone = drone
        self.mission = mission
    }
}

/// Per drone and mission summaries of a recorded run.
public enum RunSummary {
    /// Fixes further apart than this (seconds) are not counted as flying in between (telemetry lost, landed).
    public static let defaultMaximumFixGap = 10.0

    public static func build(_ run: RecordedRun, maximumFixGap: Double = defaultMaximumFixGap) -> [DroneSummary] {
        var summaries: [Key: DroneSummary] = [:]
        func update(_ drone: String?, _ mission: String?, _ change: (inout DroneSummary) -> Void) {
            guard let drone else { return }
            let key = Key(drone: drone, mission: mission)
            change(&summaries[key, default: DroneSummary(drone: drone, mission: mission)])
        }
        let byDrone = Dictionary(grouping: run.tracks) { Key(drone: $0.drone, mission: $0.mission) }
        for (key, fixes) in byDrone {
            update(key.drone, key.mission) { summary in
                summary.fixes = fixes.count
                for (fix, next) in zip(fixes, fixes.dropFirst()) {
                    let seconds = next.time.timeIntervalSince(fix.time)
                    guard seconds >= 0, seconds <= maximumFixGap else { continue }
                    summary.secondsFlown += seconds
                    if fix.state == .breach { summary.secondsInBreach += seconds }
                }
            }
        }
        for decision in run.decisions {
            update(decision.drone, decision.mission) { summary in
                if decision.verdict == .redact { summary.redacted += 1 }
                guard decision.verdict.isBlocked else { return }
                summary.blocked += 1
                for reason in Set(decision.reasons) { summary.blockedByReason[reason, default: 0] += 1 }
            }
        }
        for tally in run.records(.tally) {
            let forwarded = tally.fields["forwarded"]?.doubleValue ?? 0
            update(tally.drone, tally.mission) { $0.forwarded += Int(forwarded) }
        }
        for suspension in run.records(.suspension) {
            update(suspension.drone, suspension.mission) { $0.suspensions += 1 }
        }
        return summaries.values.sorted { ($0.drone, $0.mission ?? "") < ($1.drone, $1.mission ?? "") }
    }

    private struct Key: Hashable {
        var drone: String
        var mission: String?
    }

    /// A table for the terminal.
    public static func text(_ summaries: [DroneSummary]) -> String {
        guard !summaries.isEmpty else { return "no drone activity in the selected records\n" }
        var lines = [
            pad(["drone", "mission", "flown", "in breach", "forwarded", "redacted", "blocked", "suspensions"])
        ]
        for summary in summaries {
            lines.append(
                pad([
                    summary.drone, summary.mission ?? "-", duration(summary.secondsFlown),
                    duration(summary.secondsInBreach), "\(summary.forwarded)", "\(summary.redacted)",
                    "\(summary.blocked)", "\(summary.suspensions)",
                ]))
            for (reason, count) in summary.blockedByReason.sorted(by: { $0.key < $1.key }) {
                lines.append("    blocked \(reason): \(count)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `1h 02m 03s`, `4m 05s`, `6s`.
    public static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let (hours, minutes, secs) = (total / 3600, total % 3600 / 60, total % 60)
        if hours > 0 { return "\(hours)h \(String(format: "%02d", minutes))m \(String(format: "%02d", secs))s" }
        if minutes > 0 { return "\(minutes)m \(String(format: "%02d", secs))s" }
        return "\(secs)s"
    }

    private static func pad(_ cells: [String]) -> String {
        let widths = [8, 10, 12, 12, 10, 9, 8, 11]
        return zip(cells, widths).map { $0.padding(toLength: max($1, $0.count), withPad: " ", startingAt: 0) }
            .joined(separator: " ").trimmingCharacters(in: .whitespaces)
    }
}
