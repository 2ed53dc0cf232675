import Foundation
import Geo
import StrictJSON

extension FieldReader {
    /// The zone's `window` and `schedule` members; both absent means always active.
    func activity() -> Activity? {
        var failed = false
        var window: ActivityWindow?
        if let reader = object("window", required: false) {
            reader.rejectUnknownKeys(allowed: ["from", "until"])
            let from = reader.time("from", required: false)
            let until = reader.time("until", required: false)
            let fromFailed = reader.object["from"] != nil && from == nil
            let untilFailed = reader.object["until"] != nil && until == nil
            if fromFailed || untilFailed {
                failed = true
            } else {
                do {
                    window = try ActivityWindow(from: from, until: until)
                } catch {
                    reader.report(reader.path, object["window"], error.description)
                    failed = true
                }
            }
        } else if object["window"] != nil {
            failed = true
        }
        var schedule: WeeklySchedule?
        if let readers = objects("schedule", required: false) {
            var periods: [WeeklySchedule.Period] = []
            for reader in readers {
                if let period = reader.schedulePeriod() { periods.append(period) } else { failed = true }
            }
            if readers.isEmpty {
                report(path("schedule"), object["schedule"], "must hold at least one period, or be left out")
                failed = true
            }
            schedule = WeeklySchedule(periods: periods)
        } else if object["schedule"] != nil {
            failed = true
        }
        return failed ? nil : Activity(window: window, schedule: schedule)
    }

    /// `{"days": ["MON", …] or ["ANY"], "start": "08:00", "end": "20:00"}` in UTC.
    func schedulePeriod() -> WeeklySchedule.Period? {
        rejectUnknownKeys(allowed: ["days", "start", "end"])
        var days: Set<Weekday>?
        if let codes = stringList("days") {
            if codes.map({ $0.uppercased() }) == ["ANY"] {
                days = Set(Weekday.allCases)
            } else {
                var parsed = Set<Weekday>()
                var failed = false
                for (index, code) in codes.enumerated() {
                    if let day = Weekday(code: code) {
                        if !parsed.insert(day).inserted {
                            report("\(path("days"))[\(index)]", .string(code), "names \(day.code) a second time")
                            failed = true
                        }
                    } else {
                        report("\(path("days"))[\(index)]", .string(code), "unknown day (use MON..SUN or ANY)")
                        failed = true
                    }
                }
                if !failed { days = parsed }
            }
        }
        let start = timeOfDay("start")
        let end = timeOfDay("end")
        guard let days, let start, let end else { return nil }
        return WeeklySchedule.Period(days: days, start: start, end: end)
    }

    private func timeOfDay(_ key: String) -> TimeOfDay? {
        guard let text = string(key) else { return nil }
        guard let time = TimeOfDay(text) else {
            report(path(key), object[key], "expected a UTC time of day hh:mm or hh:mm:ss, 00:00 to 24:00")
            return nil
        }
        return time
    }
}
