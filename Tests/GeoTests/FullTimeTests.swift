import Foundation
import Geo
import Testing

@Suite("RFC 3339 full-time and weekly periods moved to UTC")
struct FullTimeTests {
    @Test(
        "times of day as ED-318 writes them: seconds from the UTC midnight of the local day",
        arguments: [
            ("17:00:00Z", 61_200, 61_200), ("17:00:00.00Z", 61_200, 61_200), ("17:00:00z", 61_200, 61_200),
            ("00:00:00.00+01:00", -3_600, -3_600), ("23:30:00-01:00", 88_200, 88_200),
            ("08:15:30.250+05:45", 9_030, 9_031), ("12:00:00.123456789012Z", 43_200, 43_201),
            ("08:00", 28_800, 28_800), ("08:00:00", 28_800, 28_800), ("24:00:00Z", 86_400, 86_400),
            ("24:00", 86_400, 86_400), ("00:00:00+00:00", 0, 0), ("00:00:00-00:00", 0, 0),
        ])
    func parses(_ text: String, _ down: Int, _ up: Int) throws {
        let time = try FullTime(parsing: text)
        #expect(time.secondsFromUTCMidnight(rounding: .down) == down)
        #expect(time.secondsFromUTCMidnight(rounding: .up) == up)
    }

    @Test("no offset is told apart from Z")
    func missingOffset() throws {
        #expect(try FullTime(parsing: "08:00:00").utcOffsetSeconds == nil)
        #expect(try FullTime(parsing: "08:00:00Z").utcOffsetSeconds == 0)
        #expect(try FullTime(parsing: "08:00:00-05:30").utcOffsetSeconds == -19_800)
    }

    @Test(
        "invalid times are refused, saying which part is wrong",
        arguments: [
            ("25:00:00Z", "hour 25"), ("12:60:00Z", "minute 60"), ("12:00:60Z", "second 60"),
            ("12:00:00+24:00", "offset hour 24"), ("12:00:00+01:60", "offset minute 60"), ("noon", "expected hh:mm:ss"),
            ("12:00:00.Z", "digits after the decimal point"), ("12:00:00+0100", "offset must be"),
            ("12:00:00 Z", "expected an offset"), ("24:00:01Z", "hour 24"), ("24:00:00.5Z", "hour 24"),
            ("1:00:00Z", "expected hh:mm:ss"), ("12:00:00Z+", "unexpected text"), ("", "expected hh:mm:ss"),
        ])
    func refuses(_ text: String, _ problem: String) {
        #expect {
            _ = try FullTime(parsing: text)
        } throws: { error in
            (error as? RFC3339.ParseError)?.problem.contains(problem) == true
        }
    }

    func period(_ days: Set<Weekday>, _ start: String, _ end: String) -> WeeklySchedule.Period {
        WeeklySchedule.Period(days: days, start: TimeOfDay(start)!, end: TimeOfDay(end)!)
    }

    func seconds(_ text: String, rounding: FloatingPointRoundingRule) -> Int {
        try! FullTime(parsing: text).secondsFromUTCMidnight(rounding: rounding)
    }

    @Test("MON 00:30-02:00 at +01:00 is SUN 23:30 to MON 01:00 UTC: one period past midnight")
    func shiftBack() {
        let periods = WeeklySchedule.Period.covering(
            days: [.monday], from: seconds("00:30:00+01:00", rounding: .down),
            until: seconds("02:00:00+01:00", rounding: .up))
        #expect(periods == [period([.sunday], "23:30", "01:00")])
        let schedule = WeeklySchedule(periods: periods)
        // 2026-06-01 is a Monday.
        #expect(schedule.isActive(at: try! RFC3339.parse("2026-05-31T23:30:00Z")))
        #expect(schedule.isActive(at: try! RFC3339.parse("2026-06-01T00:59:59Z")))
        #expect(!schedule.isActive(at: try! RFC3339.parse("2026-06-01T01:00:00Z")))
        #expect(!schedule.isActive(at: try! RFC3339.parse("2026-05-31T23:29:59Z")))
    }

    @Test("SUN 23:30-23:59 at -01:00 is MON 00:30 to 01:00 UTC: the week wraps forward")
    func shiftForwardAcrossTheWeek() {
        let periods = WeeklySchedule.Period.covering(
            days: [.sunday, .saturday], from: seconds("23:30:00-01:00", rounding: .down),
            until: seconds("23:59:00-01:00", rounding: .up))
        #expect(periods == [period([.monday, .sunday], "00:30", "00:59")])
    }

    @Test("a whole local day at +02:00 runs from 22:00 the day before to 22:00 UTC")
    func wholeDay() {
        let periods = WeeklySchedule.Period.covering(
            days: [.monday], from: seconds("00:00:00+02:00", rounding: .down),
            until: seconds("24:00:00+02:00", rounding: .up))
        #expect(periods == [period([.sunday], "22:00", "22:00")])
        let schedule = WeeklySchedule(periods: periods)
        #expect(schedule.isActive(at: try! RFC3339.parse("2026-05-31T22:00:00Z")))
        #expect(schedule.isActive(at: try! RFC3339.parse("2026-06-01T21:59:59Z")))
        #expect(!schedule.isActive(at: try! RFC3339.parse("2026-06-01T22:00:00Z")))
    }

    @Test("an overnight local period and a UTC one are unchanged; 00:00 to 24:00 UTC stays a whole day")
    func unchanged() {
        #expect(
            WeeklySchedule.Period.covering(days: [.friday], from: 79_200, until: 21_600)
                == [period([.friday], "22:00", "06:00")])
        #expect(
            WeeklySchedule.Period.covering(days: [.friday], from: 0, until: 86_400)
                == [period([.friday], "00:00", "24:00")])
        #expect(
            WeeklySchedule.Period.covering(days: [.friday], from: 61_200, until: 61_200)
                == [period([.friday], "17:00", "17:00")])
    }

    @Test("ends with different offsets spanning more than a day are cut into day-long periods")
    func longerThanADay() {
        // 00:00+14:00 (10:00 the day before, UTC) to 23:00-10:00 (09:00 the next day, UTC): 47 hours.
        let periods = WeeklySchedule.Period.covering(
            days: [.wednesday], from: seconds("00:00:00+14:00", rounding: .down),
            until: seconds("23:00:00-10:00", rounding: .up))
        #expect(
            periods == [period([.tuesday], "10:00", "10:00"), period([.wednesday], "10:00", "09:00")])
    }

    @Test("weekdays advance and go back around the week")
    func advancing() {
        #expect(Weekday.sunday.advanced(by: 1) == .monday)
        #expect(Weekday.monday.advanced(by: -1) == .sunday)
        #expect(Weekday.wednesday.advanced(by: 15) == .thursday)
        #expect(Weekday.wednesday.advanced(by: -9) == .monday)
    }
}
