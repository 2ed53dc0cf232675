import Foundation

/// The one text form of a record's time: RFC 3339 in UTC with milliseconds (`2026-11-28T14:03:22.120Z`). All
/// stored times have the same length and zone, so comparing the text compares the instants.
enum RecordTime {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    static func text(_ date: Date) -> String { date.formatted(style) }

    static func date(_ text: String) -> Date? { try? style.parse(text) }
}
