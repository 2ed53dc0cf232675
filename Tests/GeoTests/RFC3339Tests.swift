import Foundation
import Geo
import Testing

@Suite("RFC 3339 timestamps")
struct RFC3339Tests {
    /// 2026-11-28T14:03:22Z, a Saturday.
    static let instant = 1_795_874_602.0

    private func seconds(_ text: String) throws -> Double {
        try RFC3339.parse(text).timeIntervalSince1970
    }

    @Test("UTC with Z")
    func zulu() throws {
        #expect(try seconds("2026-11-28T14:03:22Z") == Self.instant)
        #expect(try seconds("1970-01-01T00:00:00Z") == 0)
        #expect(try seconds("2000-01-01T00:00:00Z") == 946_684_800)
        #expect(try seconds("1969-12-31T23:59:59Z") == -1)
    }

    @Test(
        "numeric offsets name the same instant",
        arguments: [
            "2026-11-28T15:03:22+01:00", "2026-11-28T08:33:22-05:30", "2026-11-29T03:48:22+13:45",
            "2026-11-28T14:03:22+00:00", "2026-11-28T14:03:22-00:00", "2026-11-27T14:04:22-23:59",
        ])
    func offsets(_ text: String) throws {
        #expect(try seconds(text) == Self.instant)
    }

    @Test("fractional seconds of any length")
    func fractions() throws {
        #expect(isClose(try seconds("2026-11-28T14:03:22.5Z"), Self.instant + 0.5, within: 1e-6))
        #expect(isClose(try seconds("2026-11-28T14:03:22.120Z"), Self.instant + 0.12, within: 1e-6))
        #expect(isClose(try seconds("2026-11-28T14:03:22.000001Z"), Self.instant + 0.000_001, within: 1e-6))
        #expect(isClose(try seconds("2026-11-28T14:03:22.123456789Z"), Self.instant + 0.123_456_789, within: 1e-6))
        #expect(isClose(try seconds("2026-11-28T15:03:22.25+01:00"), Self.instant + 0.25, within: 1e-6))
        #expect(isClose(try seconds("1969-12-31T23:59:59.75Z"), -0.25, within: 1e-9))
    }

    @Test("lower-case t and z are accepted (RFC 3339 5.6); a space between date and time is not")
    func lowerCase() throws {
        #expect(try seconds("2026-11-28t14:03:22z") == Self.instant)
        #expect(try seconds("2026-11-28t15:03:22+01:00") == Self.instant)
        #expect(throws: RFC3339.ParseError.self) { try RFC3339.parse("2026-11-28 14:03:22Z") }
    }

    @Test("February 29 only in leap years")
    func leapYears() throws {
        #expect(try seconds("2024-02-29T00:00:00Z") == 1_709_164_800)
        #expect(try seconds("2000-02-29T12:00:00Z") == 951_825_600)
        #expect(throws: RFC3339.ParseError.self) { try RFC3339.parse("2025-02-29T00:00:00Z") }
        #expect(throws: RFC3339.ParseError.self) { try RFC3339.parse("1900-02-29T00:00:00Z") }
        #expect(throws: RFC3339.ParseError.self) { try RFC3339.parse("2024-02-30T00:00:00Z") }
    }

    @Test("second 60, year 0000 and more than nine digits of a second are refused")
    func nothingLooser() {
        for text in [
            "2016-12-31T23:59:60Z", "2026-11-28T14:03:60Z", "0000-01-01T00:00:00Z", "2026-11-28T14:03:22.1234567890Z",
        ] {
            #expect(throws: RFC3339.ParseError.self, "\(text)") { try RFC3339.parse(text) }
        }
        #expect(throws: Never.self) { try RFC3339.parse("0001-01-01T00:00:00Z") }
        #expect(throws: Never.self) { try RFC3339.parse("2026-11-28T14:03:22.123456789Z") }
    }

    @Test(
        "out-of-range fields are refused",
        arguments: [
            "2026-11-28T24:00:00Z", "2026-11-28T23:60:00Z", "2026-11-28T23:59:61Z", "2026-00-10T00:00:00Z",
            "2026-13-10T00:00:00Z", "2026-04-31T00:00:00Z", "2026-11-00T00:00:00Z", "2026-11-32T00:00:00Z",
            "2026-11-28T14:03:22+24:00", "2026-11-28T14:03:22+01:60",
        ])
    func outOfRange(_ text: String) {
        #expect(throws: RFC3339.ParseError.self) { try RFC3339.parse(text) }
    }

    @Test(
        "malformed text is refused",
        arguments: [
            "", "garbage", "2026-11-28", "2026-11-28T14:03:22", "2026-11-28T14:03Z", "2026-11-28T14:03:22.Z",
            "2026-11-28T14:03:22+0100", "2026-11-28T14:03:22+01", "2026-11-28T14:03:22Z ", " 2026-11-28T14:03:22Z",
            "2026-11-28T14:03:22ZZ", "2026-1-28T14:03:22Z", "26-11-28T14:03:22Z", "2026/11/28T14:03:22Z",
            "2026-11-28X14:03:22Z", "2026-11-28T14-03-22Z", "2026-11-28T14:03:22 +01:00", "2026-11-28T14:03:22UTC",
            "2026-11-28T1a:03:22Z", "２０２６-11-28T14:03:22Z", "2026-11-28T14:03:22.12a3Z", "-2026-11-28T14:03:22Z",
            "2026-11-28T14:03:22,5Z",
        ])
    func malformed(_ text: String) {
        #expect(throws: RFC3339.ParseError.self) { try RFC3339.parse(text) }
    }

    @Test("errors quote the text and say what is wrong")
    func errorMessages() {
        #expect(throws: RFC3339.ParseError.self) { try RFC3339.parse("2026-11-28T14:03:22") }
        do {
            _ = try RFC3339.parse("2026-11-28T14:03:22")
        } catch {
            #expect(error.text == "2026-11-28T14:03:22")
            #expect(error.problem.contains("offset"))
            #expect(error.description.contains("'2026-11-28T14:03:22'"))
        }
        do {
            _ = try RFC3339.parse("2025-02-29T00:00:00Z")
        } catch {
            #expect(error.problem.contains("day 29"))
        }
    }

    @Test("format writes UTC with milliseconds")
    func format() {
        #expect(RFC3339.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: Self.instant)) == "2026-11-28T14:03:22.000Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: Self.instant + 0.5)) == "2026-11-28T14:03:22.500Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: -0.25)) == "1969-12-31T23:59:59.750Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: 951_825_600)) == "2000-02-29T12:00:00.000Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: 253_402_300_799)) == "9999-12-31T23:59:59.000Z")
    }

    @Test("format then parse gives the instant back to the millisecond")
    func roundTripFromDate() throws {
        for offset in stride(from: -1_000_000_000.0, through: 4_000_000_000, by: 123_456_789.123) {
            let date = Date(timeIntervalSince1970: offset)
            let back = try RFC3339.parse(RFC3339.format(date))
            #expect(isClose(back.timeIntervalSince1970, offset, within: 0.001), "\(RFC3339.format(date))")
        }
    }

    @Test("every millisecond written by format reads back to the same text")
    func roundTripFromText() throws {
        var mismatches: [String] = []
        for millis in 0..<1000 {
            let digits = String(millis + 1000).dropFirst()
            let text = "2026-11-28T14:03:22.\(digits)Z"
            let again = RFC3339.format(try RFC3339.parse(text))
            if again != text { mismatches.append("\(text) -> \(again)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) of 1000 change: \(mismatches.prefix(5))")
    }
}
