public import Foundation

/// Strict RFC 3339 timestamps (`2026-11-28T14:03:22.120Z`, `2026-11-28T15:03:22+01:00`).
///
/// Written by hand rather than with a date formatter: it runs once per message on the gateway's hot path, it
/// must refuse what RFC 3339 refuses (no offset, 25:00, February 30) and it says which part is wrong.
public enum RFC3339 {
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public var text: String
        public var problem: String
        public var description: String { "'\(text)' is not an RFC 3339 timestamp: \(problem)" }
    }

    /// Parses a timestamp with a mandatory offset (`Z` or `±HH:MM`) and optional fractional seconds.
    public static func parse(_ text: String) throws(ParseError) -> Date {
        let bytes = Array(text.utf8)
        func fail(_ problem: String) -> ParseError { ParseError(text: text, problem: problem) }
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for b in bytes[start..<(start + count)] {
                guard b >= 0x30, b <= 0x39 else { return nil }
                value = value * 10 + Int(b - 0x30)
            }
            return value
        }
        func expect(_ index: Int, _ choices: String) -> Bool {
            index < bytes.count && choices.utf8.contains(bytes[index])
        }
        guard let year = number(0, 4), expect(4, "-"), let month = number(5, 2), expect(7, "-"),
            let day = number(8, 2)
        else { throw fail("expected YYYY-MM-DD at the start") }
        guard year >= 1 else { throw fail("year 0000 is not a year") }
        guard expect(10, "Tt") else { throw fail("expected 'T' between date and time") }
        guard let hour = number(11, 2), expect(13, ":"), let minute = number(14, 2), expect(16, ":"),
            let second = number(17, 2)
        else { throw fail("expected hh:mm:ss after the date") }
        guard (1...12).contains(month) else { throw fail("month \(month) is out of range") }
        guard (1...daysInMonth(year, month)).contains(day) else { throw fail("day \(day) is out of range") }
        // A leap second (60) cannot be told from a forged one without a table of them, and no drone needs it.
        guard hour < 24, minute < 60, second < 60 else { throw fail("time of day is out of range") }

        var index = 19
        var fraction = 0.0
        if expect(index, ".") {
            index += 1
            var scale = 0.1
            let start = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                fraction += Double(bytes[index] - 0x30) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { throw fail("expected digits after the decimal point") }
            guard index - start <= 9 else { throw fail("more than 9 digits of a second") }
        }
        var offsetSeconds = 0
        if expect(index, "Zz") {
            index += 1
        } else if expect(index, "+-") {
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            guard let oh = number(index + 1, 2), expect(index + 3, ":"), let om = number(index + 4, 2), oh < 24,
                om < 60
            else { throw fail("offset must be Z or ±hh:mm") }
            offsetSeconds = sign * (oh * 3600 + om * 60)
            index += 6
        } else {
            throw fail("a time zone offset (Z or ±hh:mm) is required")
        }
        guard index == bytes.count else { throw fail("unexpected text after the offset") }
        let days = daysFromCivil(year, month, day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// `2026-11-28T14:03:22.120Z`: UTC with milliseconds, the form flowgate writes everywhere.
    public static func format(_ date: Date) -> String {
        let totalMillis = Int((date.timeIntervalSince1970 * 1000).rounded(.down))
        let millis = ((totalMillis % 1000) + 1000) % 1000
        let seconds = (totalMillis - millis) / 1000
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let secondOfDay = seconds - days * 86_400
        let (y, m, d) = civilFromDays(days)
        // Written digit by digit into 24 bytes: the gateway stamps every message it forwards, and building the
        // text from padded pieces cost more than judging the message.
        guard (0...9999).contains(y) else { return formatOutside(y, m, d, secondOfDay, millis) }
        return String(unsafeUninitializedCapacity: 24) { bytes in
            func put(_ value: Int, at start: Int, width: Int, then separator: Unicode.Scalar) {
                var rest = value
                for position in stride(from: start + width - 1, through: start, by: -1) {
                    bytes[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                bytes[start + width] = UInt8(ascii: separator)
            }
            put(y, at: 0, width: 4, then: "-")
            put(m, at: 5, width: 2, then: "-")
            put(d, at: 8, width: 2, then: "T")
            put(secondOfDay / 3600, at: 11, width: 2, then: ":")
            put(secondOfDay / 60 % 60, at: 14, width: 2, then: ":")
            put(secondOfDay % 60, at: 17, width: 2, then: ".")
            put(millis, at: 20, width: 3, then: "Z")
            return 24
        }
    }

    /// Years before 0 or after 9999, which the fixed layout of ``format(_:)`` has no room for.
    private static func formatOutside(_ y: Int, _ m: Int, _ d: Int, _ secondOfDay: Int, _ millis: Int) -> String {
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(secondOfDay / 3600, 2)):"
            + "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2)).\(pad(millis, 3))Z"
    }

    static func isLeapYear(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysInMonth(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: isLeapYear(y) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
