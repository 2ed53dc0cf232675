extension Weekday {
    /// The weekday `days` later (earlier when negative), wrapping around the week.
    public func advanced(by days: Int) -> Weekday {
        Weekday(rawValue: ((rawValue - 1 + days) % 7 + 7) % 7 + 1)!
    }
}

extension WeeklySchedule.Period {
    /// The UTC periods that cover, on each of `days`, the span from `start` to `end` seconds after that day's
    /// UTC midnight: what a local period becomes once its UTC offset is applied.
    ///
    /// Either end may lie before or after the day (an offset moves `MON 00:30+01:00` to Sunday 23:30 UTC); the
    /// days move with it, wrapping around the week. An `end` at or before `start` runs past midnight, as in a
    /// schedule. A span up to a day long becomes one period (running past midnight when it does); a longer
    /// one, possible only when the two ends carry different offsets, is cut into day-long periods.
    public static func covering(days: Set<Weekday>, from start: Int, until end: Int) -> [WeeklySchedule.Period] {
        let day = 86_400
        let end = end <= start ? end + day : end
        var periods: [WeeklySchedule.Period] = []
        var pieceStart = start
        while pieceStart < end {
            let pieceEnd = min(end, pieceStart + day)
            let shift = Int((Double(pieceStart) / Double(day)).rounded(.down))
            let startOfDay = pieceStart - shift * day
            let endOfDay = pieceEnd - shift * day
            // An end on the next day is written as a time at or before the start: the period runs past midnight.
            let wrappedEnd = endOfDay <= day ? endOfDay : endOfDay - day
            periods.append(
                WeeklySchedule.Period(
                    days: Set(days.map { $0.advanced(by: shift) }),
                    start: TimeOfDay(secondsSinceMidnight: startOfDay),
                    end: TimeOfDay(secondsSinceMidnight: wrappedEnd)))
            pieceStart = pieceEnd
        }
        return periods
    }
}
