/// A time of day as RFC 3339 `full-time` writes it (`17:00:00.00Z`, `00:00:00+01:00`): what ED-318 schedules
/// hold (`format: time`) and ED-269 daily periods approximate.
///
/// Beyond RFC 3339 it accepts what earlier files carry and flowgate read before: no offset (the caller decides
/// what that means; the zone importers read it as UTC), `hh:mm` without seconds, and `24:00[:00]` for the end of
/// the day.
public struct FullTime: Sendable, Hashable, CustomStringConvertible {
    /// Whole seconds since the local midnight, 0 to 86 400 (`24:00`).
    public let secondOfDay: Int
    /// The fractional second as written, 0 ≤ fraction < 1.
    public let fraction: Double
    /// Seconds east of UTC (`+01:00` = 3 600, `Z` = 0); `nil` when the text gave no offset.
    public let utcOffsetSeconds: Int?
    /// The text as written, for messages.
    public let text: String

    /// - Throws: ``RFC3339/ParseError`` naming the part that is wrong (hour 25, minute 60, offset +24:00, …).
    public init(parsing text: String) throws(RFC3339.ParseError) {
        self.text = text
        var scanner = DigitScanner(text)
        func fail(_ problem: String) -> RFC3339.ParseError {
            RFC3339.ParseError(text: text, problem: problem)
        }
        guard let hour = scanner.twoDigits(), scanner.take(":"), let minute = scanner.twoDigits() else {
            throw fail("expected hh:mm:ss, optionally with a fraction and an offset (Z or ±hh:mm)")
        }
        var second = 0
        if scanner.take(":") {
            guard let value = scanner.twoDigits() else { throw fail("expected two digits of seconds after hh:mm:") }
            second = value
        }
        var fraction = 0.0
        if scanner.take(".") {
            // RFC 3339 puts no limit on the digits of a second: read them all, keep what a Double holds.
            var scale = 0.1
            let start = scanner.index
            while let digit = scanner.digit() {
                fraction += Double(digit) * scale
                scale /= 10
            }
            guard scanner.index > start else { throw fail("expected digits after the decimal point") }
        }
        guard hour < 24 || (hour == 24 && minute == 0 && second == 0 && fraction == 0) else {
            throw fail("hour \(hour) is out of range (00 to 23; 24:00:00 only for the end of the day)")
        }
        guard minute < 60 else { throw fail("minute \(minute) is out of range (00 to 59)") }
        // A leap second (60) has no place in a daily schedule.
        guard second < 60 else { throw fail("second \(second) is out of range (00 to 59)") }
        self.utcOffsetSeconds = try Self.offset(&scanner, fail: fail)
        guard scanner.atEnd else { throw fail("unexpected text after the time") }
        self.secondOfDay = hour * 3600 + minute * 60 + second
        self.fraction = fraction
    }

    /// A whole-second time of day (86 400 = `24:00`) at a UTC offset.
    public init(secondOfDay: Int, utcOffsetSeconds: Int? = 0) {
        precondition((0...86_400).contains(secondOfDay))
        self.secondOfDay = secondOfDay
        self.fraction = 0
        self.utcOffsetSeconds = utcOffsetSeconds
        let offset = utcOffsetSeconds.map { $0 == 0 ? "Z" : Self.formatOffset($0) } ?? ""
        text = "\(TimeOfDay(secondsSinceMidnight: secondOfDay))\(offset)"
    }

    /// `+01:00`, `-05:30`.
    public static func formatOffset(_ seconds: Int) -> String {
        let minutes = abs(seconds) / 60
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(seconds < 0 ? "-" : "+")\(two(minutes / 60)):\(two(minutes % 60))"
    }

    private static func offset(
        _ scanner: inout DigitScanner, fail: (String) -> RFC3339.ParseError
    ) throws(RFC3339.ParseError) -> Int? {
        if scanner.atEnd { return nil }
        if scanner.take("Z") || scanner.take("z") { return 0 }
        let sign: Int
        if scanner.take("+") {
            sign = 1
        } else if scanner.take("-") {
            sign = -1
        } else {
            throw fail("expected an offset (Z or ±hh:mm) or the end of the time")
        }
        guard let hours = scanner.twoDigits(), scanner.take(":"), let minutes = scanner.twoDigits() else {
            throw fail("offset must be Z or ±hh:mm")
        }
        guard hours < 24 else { throw fail("offset hour \(hours) is out of range (00 to 23)") }
        guard minutes < 60 else { throw fail("offset minute \(minutes) is out of range (00 to 59)") }
        return sign * (hours * 3600 + minutes * 60)
    }

    /// Seconds from the UTC midnight that begins the local day to this time: negative, or beyond a day, when
    /// the offset moves it to the previous or the next UTC day. No offset counts as UTC.
    /// - Parameter rounding: `.down` for the start of a period, `.up` for its end, so that a rounded period
    ///   covers at least the written one.
    public func secondsFromUTCMidnight(rounding: FloatingPointRoundingRule) -> Int {
        let whole = rounding == .up && fraction > 0 ? secondOfDay + 1 : secondOfDay
        return whole - (utcOffsetSeconds ?? 0)
    }

    public var description: String { text }
}

/// Reads ASCII digits and separators off a string, one byte at a time.
private struct DigitScanner {
    let bytes: [UInt8]
    private(set) var index = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    var atEnd: Bool { index == bytes.count }

    mutating func take(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    mutating func digit() -> Int? {
        guard index < bytes.count, (0x30...0x39).contains(bytes[index]) else { return nil }
        index += 1
        return Int(bytes[index - 1] - 0x30)
    }

    mutating func twoDigits() -> Int? {
        let start = index
        guard let tens = digit(), let units = digit() else {
            index = start
            return nil
        }
        return tens * 10 + units
    }
}
