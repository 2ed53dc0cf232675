import Foundation
import Geo
import Testing

@Suite("Weekly schedules, weekdays and times of day")
struct ScheduleTests {
    private func time(_ text: String) -> TimeOfDay {
        guard let t = TimeOfDay(text) else { fatalError("test time \(text) does not parse") }
        return t
    }

    private func schedule(_ days: Set<Weekday>, _ start: String, _ end: String) -> WeeklySchedule {
        WeeklySchedule(periods: [.init(days: days, start: time(start), end: time(end))])
    }

    @Test(
        "the weekday of an instant in UTC",
        arguments: [
            ("2026-11-28T12:00:00Z", Weekday.saturday), ("2026-11-28T00:00:00Z", .saturday),
            ("2026-11-28T23:59:59.999Z", .saturday), ("2026-11-29T00:00:00Z", .sunday),
            ("2026-11-30T10:00:00Z", .monday),
            ("2026-11-27T23:59:59Z", .friday), ("1970-01-01T00:00:00Z", .thursday),
            ("1969-12-31T23:59:59Z", .wednesday),
            ("1969-12-28T12:00:00Z", .sunday), ("2000-01-01T00:00:00Z", .saturday), ("2024-02-29T00:00:00Z", .thursday),
            // Still Saturday in UTC although it is Sunday in Auckland.
            ("2026-11-29T10:00:00+13:00", .saturday),
        ])
    func weekday(_ text: String, _ expected: Weekday) {
        #expect(Weekday(utc: date(text)) == expected)
    }

    @Test("weekday codes in any case, ISO numbering and order")
    func weekdayCodes() {
        #expect(Weekday(code: "MON") == .monday)
        #expect(Weekday(code: "sun") == .sunday)
        #expect(Weekday(code: "Fri") == .friday)
        for code in ["", "MONDAY", "MO", "XYZ", " MON"] {
            #expect(Weekday(code: code) == nil, "'\(code)'")
        }
        for day in Weekday.allCases {
            #expect(Weekday(code: day.code) == day)
        }
        #expect(Weekday.monday.rawValue == 1 && Weekday.sunday.rawValue == 7)
        #expect(Weekday.monday.previous == .sunday)
        #expect(Weekday.saturday.previous == .friday)
        #expect(Weekday.monday < .sunday)
        #expect(Weekday.allCases.map(\.code) == ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"])
    }

    @Test(
        "times of day that parse",
        arguments: [
            ("00:00", 0), ("00:00:00", 0), ("09:30", 34_200), ("09:30:15", 34_215), ("23:59:59", 86_399),
            ("24:00", 86_400), ("24:00:00", 86_400), ("12:00", 43_200),
        ])
    func timeOfDay(_ text: String, _ seconds: Int) {
        #expect(TimeOfDay(text)?.secondsSinceMidnight == seconds)
    }

    @Test(
        "times of day that do not parse",
        arguments: [
            "", "9:30", "09:3", "0930", "09", "09:30:", ":09:30", "09:30:00:00", "24:00:01", "24:01", "25:00", "12:60",
            "12:00:60", "aa:bb", "-1:00", "+1:00", "09:+5", " 9:30", "09:30 ", "٠٩:٣٠", "09.30",
        ])
    func badTimeOfDay(_ text: String) {
        #expect(TimeOfDay(text) == nil, "'\(text)' parsed as \(TimeOfDay(text).map(\.description) ?? "")")
    }

    @Test("times of day print as hh:mm or hh:mm:ss and order by time")
    func timeOfDayText() {
        #expect(time("09:30").description == "09:30")
        #expect(time("09:30:15").description == "09:30:15")
        #expect(time("24:00").description == "24:00")
        #expect(TimeOfDay(secondsSinceMidnight: 61).description == "00:01:01")
        #expect(time("09:30") < time("09:30:01"))
        #expect(time("23:59:59") < time("24:00"))
        #expect(time("07:00") == TimeOfDay(secondsSinceMidnight: 25_200))
    }

    @Test("start is inclusive, end exclusive")
    func daytimePeriod() {
        let mondays = schedule([.monday], "09:00", "17:00")
        #expect(mondays.isActive(at: date("2026-11-30T09:00:00Z")))
        #expect(mondays.isActive(at: date("2026-11-30T12:00:00Z")))
        #expect(mondays.isActive(at: date("2026-11-30T16:59:59Z")))
        #expect(mondays.isActive(at: date("2026-11-30T16:59:59.999Z")))
        #expect(!mondays.isActive(at: date("2026-11-30T17:00:00Z")))
        #expect(!mondays.isActive(at: date("2026-11-30T08:59:59Z")))
        #expect(!mondays.isActive(at: date("2026-11-30T08:59:59.999Z")))
        #expect(!mondays.isActive(at: date("2026-12-01T10:00:00Z")))
        #expect(!mondays.isActive(at: date("2026-11-29T10:00:00Z")))
        #expect(mondays.isActive(at: date("2026-12-07T10:00:00Z")))
    }

    @Test("a period ending before it starts runs past midnight into the next day")
    func overnight() {
        let fridayNights = schedule([.friday], "22:00", "02:00")
        #expect(!fridayNights.isActive(at: date("2026-11-27T21:59:00Z")))
        #expect(!fridayNights.isActive(at: date("2026-11-27T21:59:59.999Z")))
        #expect(fridayNights.isActive(at: date("2026-11-27T22:00:00Z")))
        #expect(fridayNights.isActive(at: date("2026-11-27T23:59:59Z")))
        #expect(fridayNights.isActive(at: date("2026-11-28T00:00:00Z")))
        #expect(fridayNights.isActive(at: date("2026-11-28T01:59:00Z")))
        #expect(fridayNights.isActive(at: date("2026-11-28T01:59:59.999Z")))
        #expect(!fridayNights.isActive(at: date("2026-11-28T02:00:00Z")))
        // Saturday night is not Friday night; and Friday 01:00 belongs to Thursday night.
        #expect(!fridayNights.isActive(at: date("2026-11-28T23:00:00Z")))
        #expect(!fridayNights.isActive(at: date("2026-11-29T01:00:00Z")))
        #expect(!fridayNights.isActive(at: date("2026-11-27T01:00:00Z")))
    }

    @Test("an overnight period on Sunday runs into Monday")
    func overnightAcrossTheWeek() {
        let sundayNights = schedule([.sunday], "23:00", "01:00")
        #expect(sundayNights.isActive(at: date("2026-11-29T23:30:00Z")))
        #expect(sundayNights.isActive(at: date("2026-11-30T00:30:00Z")))
        #expect(!sundayNights.isActive(at: date("2026-11-30T01:00:00Z")))
        #expect(!sundayNights.isActive(at: date("2026-11-28T23:30:00Z")))
    }

    @Test("an end of 24:00 runs to midnight and no further")
    func endOfDay() {
        let sundayEvenings = schedule([.sunday], "20:00", "24:00")
        #expect(sundayEvenings.isActive(at: date("2026-11-29T20:00:00Z")))
        #expect(sundayEvenings.isActive(at: date("2026-11-29T23:59:59Z")))
        #expect(sundayEvenings.isActive(at: date("2026-11-29T23:59:59.999Z")))
        #expect(!sundayEvenings.isActive(at: date("2026-11-30T00:00:00Z")))
        #expect(!sundayEvenings.isActive(at: date("2026-11-29T19:59:59Z")))
        let allDay = schedule([.wednesday], "00:00", "24:00")
        #expect(allDay.isActive(at: date("2026-12-02T00:00:00Z")))
        #expect(allDay.isActive(at: date("2026-12-02T23:59:59Z")))
        #expect(!allDay.isActive(at: date("2026-12-03T00:00:00Z")))
        #expect(!allDay.isActive(at: date("2026-12-01T23:59:59Z")))
    }

    @Test("an end equal to the start is a full 24 hours from the start")
    func fullDayFromStart() {
        let fromEight = schedule([.tuesday], "08:00", "08:00")
        #expect(fromEight.isActive(at: date("2026-12-01T08:00:00Z")))
        #expect(fromEight.isActive(at: date("2026-12-02T07:59:59Z")))
        #expect(!fromEight.isActive(at: date("2026-12-02T08:00:00Z")))
        #expect(!fromEight.isActive(at: date("2026-12-01T07:59:59Z")))
    }

    @Test("several periods and several days")
    func multiplePeriods() {
        let weekdays: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday]
        let rushHours = WeeklySchedule(periods: [
            .init(days: weekdays, start: time("07:00"), end: time("09:00")),
            .init(days: weekdays, start: time("16:30"), end: time("18:30")),
            .init(days: [.saturday], start: time("10:00"), end: time("12:00:30")),
        ])
        #expect(rushHours.isActive(at: date("2026-11-30T07:30:00Z")))
        #expect(rushHours.isActive(at: date("2026-12-04T17:00:00Z")))
        #expect(!rushHours.isActive(at: date("2026-12-04T12:00:00Z")))
        #expect(rushHours.isActive(at: date("2026-11-28T12:00:29Z")))
        #expect(!rushHours.isActive(at: date("2026-11-28T12:00:30Z")))
        #expect(!rushHours.isActive(at: date("2026-11-28T07:30:00Z")))
        #expect(!rushHours.isActive(at: date("2026-11-29T10:30:00Z")))
        #expect(!WeeklySchedule(periods: []).isActive(at: date("2026-11-28T12:00:00Z")))
    }

    @Test("schedules work before 1970 too")
    func beforeTheEpoch() {
        let sundays = schedule([.sunday], "11:00", "13:00")
        #expect(sundays.isActive(at: date("1969-12-28T12:00:00Z")))
        #expect(!sundays.isActive(at: date("1969-12-28T13:00:00Z")))
        #expect(!sundays.isActive(at: date("1969-12-27T12:00:00Z")))
    }
}
