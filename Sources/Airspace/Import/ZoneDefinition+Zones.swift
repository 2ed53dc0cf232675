import Foundation
import Geo

extension ZoneDefinition {
    /// The flowgate zones this definition becomes: one per volume and activity. Several get ids
    /// `IDENTIFIER#v2-t3` (volume 2, activity 3); a single one keeps the identifier. A duplicate identifier's
    /// `occurrence` (2 for the second zone kept under it) comes first: `IDENTIFIER#2`, `IDENTIFIER#2-v1`.
    ///
    /// Fixed-time schedules become a weekly schedule in UTC. Schedules with solar events (ED-318 SR, SS, BMCT,
    /// EECT) become one window per day, computed at the centre of the zone's first volume, so they need a start
    /// and an end no more than `maximumSolarDays` apart.
    /// - Parameter shapes: each volume's checked (or repaired) shape.
    func zones(
        kind: ZoneKind, shapes: [Shape], occurrence: Int?, maximumSolarDays: Int, file: String, log: IssueLog
    ) -> [Zone] {
        var activities: [Activity] = []
        if applicability.isEmpty { activities = [.always] }
        let place = shapes.first?.boundingBoxes.first?.center ?? GeoPoint(latitude: 0, longitude: 0)
        for entry in applicability {
            guard
                let expanded = entry.activities(
                    at: place, maximumSolarDays: maximumSolarDays,
                    report: { problem in
                        log.add(
                            BundleIssue(
                                file: file, item: label, field: entry.path, value: "(applicability)", problem: problem))
                    })
            else { return [] }
            activities += expanded
        }
        var zones: [Zone] = []
        for (v, volume) in volumes.enumerated() {
            for (t, activity) in activities.enumerated() {
                let parts = [
                    occurrence.map { "\($0)" }, volumes.count > 1 ? "v\(v + 1)" : nil,
                    activities.count > 1 ? "t\(t + 1)" : nil,
                ]
                let suffix = parts.compactMap { $0 }.joined(separator: "-")
                zones.append(
                    Zone(
                        id: suffix.isEmpty ? identifier : "\(identifier)#\(suffix)", name: name, kind: kind,
                        shape: shapes[v], band: volume.band, activity: activity))
            }
        }
        return zones
    }
}

extension ZoneDefinition.Applicability {
    /// - Returns: `nil` after reporting when the entry cannot be expressed (solar events without a bounded
    ///   window, or on a day the sun does not reach the event).
    func activities(at place: GeoPoint, maximumSolarDays: Int, report: (String) -> Void) -> [Activity]? {
        let window = from == nil && until == nil ? nil : try? ActivityWindow(from: from, until: until)
        guard periods.contains(where: \.usesSolarEvents) else {
            let schedule = periods.isEmpty ? nil : WeeklySchedule(periods: periods.flatMap { $0.weekly ?? [] })
            return [Activity(window: window, schedule: schedule)]
        }
        guard let from, let until else {
            report(
                "a schedule with sunrise/sunset events (SR, SS, BMCT, EECT) needs startDateTime and endDateTime: "
                    + "flowgate turns it into one window per day")
            return nil
        }
        let firstDay = (from.timeIntervalSince1970 / 86_400).rounded(.down)
        let days = Int((until.timeIntervalSince1970 / 86_400).rounded(.up) - firstDay)
        guard days <= maximumSolarDays else {
            report(
                "a schedule with sunrise/sunset events may span at most \(maximumSolarDays) days; this one spans \(days)"
            )
            return nil
        }
        var activities: [Activity] = []
        // Start a day early: a period that begins the evening before may run into the window.
        for offset in -1..<days {
            let day = Date(timeIntervalSince1970: (firstDay + Double(offset)) * 86_400)
            for period in periods where period.days.contains(Weekday(utc: day)) {
                guard let start = period.start.instant(on: day, at: place, rounding: .down),
                    var end = period.end.instant(on: day, at: place, rounding: .up)
                else {
                    report(
                        "the sun does not reach the scheduled event on \(RFC3339.format(day).prefix(10)) at \(place)")
                    return nil
                }
                if end <= start,
                    let next = period.end.instant(on: day.addingTimeInterval(86_400), at: place, rounding: .up)
                {
                    end = next
                }
                let clippedStart = max(start, from), clippedEnd = min(end, until)
                if clippedStart < clippedEnd, let window = try? ActivityWindow(from: clippedStart, until: clippedEnd) {
                    activities.append(Activity(window: window))
                }
            }
        }
        return activities
    }
}

extension ZoneDefinition.Period {
    /// The period as weekly UTC periods, when both ends are clock times: an offset may move it to other days
    /// or across midnight. Fractional seconds widen it to whole seconds.
    var weekly: [WeeklySchedule.Period]? {
        guard case .clock(let start) = start, case .clock(let end) = end else { return nil }
        return WeeklySchedule.Period.covering(
            days: days, from: start.secondsFromUTCMidnight(rounding: .down),
            until: end.secondsFromUTCMidnight(rounding: .up))
    }

    /// What converting the period to UTC changed, for the report; `nil` when it was written in whole UTC
    /// seconds.
    var utcConversion: String? {
        var times: [FullTime] = []
        if case .clock(let time) = start { times.append(time) }
        if case .clock(let time) = end { times.append(time) }
        guard times.contains(where: { ($0.utcOffsetSeconds ?? 0) != 0 || $0.fraction > 0 }) else { return nil }
        let written = "\(days.sorted().map(\.code).joined(separator: ",")) \(start.text)-\(end.text)"
        guard let weekly else { return "\(path): \(written) converted to UTC" }
        let utc = weekly.map { "\($0.days.sorted().map(\.code).joined(separator: ",")) \($0.start)-\($0.end)" }
        return "\(path): \(written) is \(utc.joined(separator: " and ")) UTC"
    }
}

extension ZoneDefinition.DayTime {
    var text: String {
        switch self {
        case .clock(let time): time.text
        case .event(let event): event.rawValue
        }
    }
}
