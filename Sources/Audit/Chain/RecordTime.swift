import Foundation

/// The one text form of a record's time: RFC 3339 in UTC with milliseconds (`2026-11-28T14:03:22.120Z`). All
/// stored times have the same length and zone, so comparing the text compares the instants.
enum RecordTime {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// Milliseconds are truncated, like `Geo.RFC3339.format`: a time is never written later than it was.
    static func text(_ date: Date) -> String {
        var formatter = Formatter()
        return formatter.text(date)
    }

    static func date(_ text: String) -> Date? { try? style.parse(text) }

    /// Formats times in order quickly: the date-and-minute part is formatted once per minute, the seconds and
    /// milliseconds by arithmetic. The writer formats every record's time, so this is on its hot path.
    struct Formatter: Sendable {
        private var minute = Int.min
        private var prefix = ""

        mutating func text(_ date: Date) -> String {
            let millis = Int((date.timeIntervalSince1970 * 1000).rounded(.down))
            let minuteStart = Int((Double(millis) / 60_000).rounded(.down))
            if minuteStart != minute {
                minute = minuteStart
                let full = Date(timeIntervalSince1970: Double(minuteStart) * 60).formatted(RecordTime.style)
                prefix = String(full.prefix(17))  // "2026-11-28T14:03:"
            }
            let inMinute = millis - minuteStart * 60_000
            let seconds = inMinute / 1000
            let fraction = inMinute % 1000
            return prefix + (seconds < 10 ? "0" : "") + String(seconds) + "."
                + (fraction < 100 ? (fraction < 10 ? "00" : "0") : "") + String(fraction) + "Z"
        }
    }
}
