public import Foundation

/// Days of the week, ISO numbering (Monday = 1).
public enum Weekday: Int, Sendable, Hashable, CaseIterable, Comparable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    /// The weekday of an instant in UTC.
    public init(utc time: Date) {
        let days = Int((time.timeIntervalSince1970 / 86_400).rounded(.down))
        // 1970-01-01 was a Thursday.
        let index = ((days + 3) % 7 + 7) % 7
        self = Weekday(rawValue: index + 1)!
    }

    /// Accepts `MON`…`SUN` (ED-269 style), any case.
    public init?(code: String) {
        switch code.uppercased() {
        case "MON": self = .monday
        case "TUE": self = .tuesday
        case "WED": self = .wednesday
        case "THU": self = .thursday
        case "FRI": self = .friday
        case "SAT": self = .saturday
        case "SUN": self = .sunday
        default: return nil
        }
    }

    public var code: String { ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"][rawValue - 1] }

    public var previous: Weekday { Weekday(rawValue: rawValue == 1 ? 7 : rawValue - 1)! }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A time of day in UTC, `00:00` to `24:00`, to the second.
public struct TimeOfDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let secondsSinceMidnight: Int

    /// Parses `hh:mm` or `hh:mm:ss`; `24:00` means the end of the day.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count),
            parts.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0 >= "0" && $0 <= "9" } }),
            let h = Int(parts[0]), let m = Int(parts[1]), let s = parts.count == 3 ? Int(parts[2]) : 0,
            h >= 0, m >= 0, s >= 0, m < 60, s < 60
        else { return nil }
        let total = h * 3600 + m * 60 + s
        guard total <= 86_400 else { return nil }
        secondsSinceMidnight = total
    }

    public init(secondsSinceMidnight: Int) {
        precondition((0...86_400).contains(secondsSinceMidnight))
        self.secondsSinceMidnight = secondsSinceMidnight
    }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool {
        lhs.secondsSinceMidnight < rhs.secondsSinceMidnight
    }

    public var description: String {
        let h = secondsSinceMidnight / 3600, m = secondsSinceMidnight / 60 % 60, s = secondsSinceMidnight % 60
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return s == 0 ? "\(two(h)):\(two(m))" : "\(two(h)):\(two(m)):\(two(s))"
    }
}

/// Repeating weekly periods in UTC. A period is active from `start` (inclusive) to `end` (exclusive) on each
/// of its days; an `end` at or before `start` runs past midnight into the next day.
public struct WeeklySchedule: Sendable, Hashable {
    public struct Period: Sendable, Hashable {
        public var days: Set<Weekday>
        public var start: TimeOfDay
        public var end: TimeOfDay

        public init(days: Set<Weekday>, start: TimeOfDay, end: TimeOfDay) {
            self.days = days
            self.start = start
            self.end = end
        }

        var crossesMidnight: Bool { end <= start }

        func isActive(day: Weekday, second: Int) -> Bool {
            if !crossesMidnight {
                return days.contains(day) && second >= start.secondsSinceMidnight && second < end.secondsSinceMidnight
            }
            return (days.contains(day) && second >= start.secondsSinceMidnight)
                || (days.contains(day.previous) && second < end.secondsSinceMidnight)
        }
    }

    public var periods: [Period]

    public init(periods: [Period]) { self.periods = periods }

    public func isActive(at time: Date) -> Bool {
        let seconds = time.timeIntervalSince1970
        let secondOfDay = Int(seconds - (seconds / 86_400).rounded(.down) * 86_400)
        let day = Weekday(utc: time)
        return periods.contains { $0.isActive(day: day, second: secondOfDay) }
    }
}
