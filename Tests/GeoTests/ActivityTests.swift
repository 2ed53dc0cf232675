import Foundation
import Geo
import Testing

/// The instant a strict timestamp names; the tests' timestamps are all valid.
func date(_ text: String) -> Date {
    try! RFC3339.parse(text)
}

@Suite("Activity windows")
struct ActivityTests {
    let from = date("2026-11-28T08:00:00Z")
    let until = date("2026-11-28T18:00:00Z")

    @Test("from is inclusive, until exclusive")
    func edges() throws {
        let window = try ActivityWindow(from: from, until: until)
        #expect(window.contains(from))
        #expect(window.contains(date("2026-11-28T12:00:00Z")))
        #expect(window.contains(date("2026-11-28T17:59:59.999Z")))
        #expect(!window.contains(until))
        #expect(!window.contains(date("2026-11-28T07:59:59.999Z")))
        #expect(!window.contains(date("2026-11-29T12:00:00Z")))
        #expect(window.duration == 36_000)
    }

    @Test("an open start or an open end")
    func openEnds() throws {
        let onlyFrom = try ActivityWindow(from: from, until: nil)
        #expect(onlyFrom.contains(from))
        #expect(onlyFrom.contains(date("2099-01-01T00:00:00Z")))
        #expect(!onlyFrom.contains(date("2026-11-28T07:59:59Z")))
        #expect(onlyFrom.duration == nil)
        let onlyUntil = try ActivityWindow(from: nil, until: until)
        #expect(onlyUntil.contains(date("1970-01-01T00:00:00Z")))
        #expect(onlyUntil.contains(date("2026-11-28T17:59:59Z")))
        #expect(!onlyUntil.contains(until))
        #expect(onlyUntil.duration == nil)
    }

    @Test("a window needs at least one end")
    func noBounds() {
        #expect(throws: ActivityWindow.WindowError.noBounds) { try ActivityWindow(from: nil, until: nil) }
        #expect(ActivityWindow.WindowError.noBounds.description.contains("'from'"))
    }

    @Test("from must come before until")
    func emptyWindow() {
        #expect(throws: ActivityWindow.WindowError.emptyWindow(from: from, until: from)) {
            try ActivityWindow(from: from, until: from)
        }
        #expect(throws: ActivityWindow.WindowError.emptyWindow(from: until, until: from)) {
            try ActivityWindow(from: until, until: from)
        }
        let message = ActivityWindow.WindowError.emptyWindow(from: until, until: from).description
        #expect(message.contains("2026-11-28T18:00:00.000Z"))
        #expect(message.contains("2026-11-28T08:00:00.000Z"))
    }

    @Test("a one-millisecond window holds only its first instant")
    func tinyWindow() throws {
        let window = try ActivityWindow(from: from, until: from.addingTimeInterval(0.001))
        #expect(window.contains(from))
        #expect(!window.contains(from.addingTimeInterval(0.001)))
    }

    @Test("an activity needs both its window and its schedule")
    func activity() throws {
        #expect(Activity.always.isActive(at: date("2026-11-28T03:00:00Z")))
        #expect(Activity.always == Activity(window: nil, schedule: nil))
        let window = try ActivityWindow(from: from, until: until)
        // Saturdays 10:00 to 12:00.
        let schedule = WeeklySchedule(
            periods: [.init(days: [.saturday], start: TimeOfDay("10:00")!, end: TimeOfDay("12:00")!)])
        let both = Activity(window: window, schedule: schedule)
        #expect(both.isActive(at: date("2026-11-28T11:00:00Z")))
        #expect(!both.isActive(at: date("2026-11-28T09:00:00Z")))
        #expect(!both.isActive(at: date("2026-12-05T11:00:00Z")))
        #expect(Activity(schedule: schedule).isActive(at: date("2026-12-05T11:00:00Z")))
        #expect(Activity(window: window).isActive(at: date("2026-11-28T09:00:00Z")))
        #expect(!Activity(window: window).isActive(at: until))
    }
}
