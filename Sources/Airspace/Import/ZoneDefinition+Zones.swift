import Foundation
import Geo

extension ZoneDefinition {
    /// The flowgate zones this definition becomes: one per volume and activity. Several get ids
    /// `IDENTIFIER#v2-t3` (volume 2, activity 3); a single one keeps the identifier.
    ///
    /// Fixed-time schedules become a weekly schedule. Schedules with solar events (ED-318 SR, SS, BMCT, EECT)
    /// become one window per day, computed at the centre of the zone's first volume, so they need a start and
    /// an end no more than `maximumSolarDays` apart.
    func zones(kind: ZoneKind, maximumSolarDays: Int, file: String, log: IssueLog) -> [Zone] {
        var activities: [Activity] = []
        if applicability.isEmpty { activities = [.always] }
        let place = volumes.first?.shape.boundingBoxes.first?.center ?? GeoPoint(latitude: 0, longitude: 0)
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
                let parts = [volumes.count > 1 ? "v\(v + 1)" : nil, activities.count > 1 ? "t\(t + 1)" : nil]
                let suffix = parts.compactMap { $0 }.joined(separator: "-")
                zones.append(
                    Zone(
                        id: suffix.isEmpty ? identifier : "\(identifier)#\(suffix)", name: name, kind: kind,
                        shape: volume.shape, band: volume.band, activity: activity))
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
            let schedule = periods.isEmpty ? nil : WeeklySchedule(periods: periods.compactMap(\.weekly))
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
                guard let start = period.start.instant(on: day, at: place),
                    var end = period.end.instant(on: day, at: place)
                else {
                    report(
                        "the sun does not reach the scheduled event on \(RFC3339.format(day).prefix(10)) at \(place)")
                    return nil
                }
                if end <= start, let next = period.end.instant(on: day.addingTimeInterval(86_400), at: place) {
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
    /// The period as a weekly one, when both ends are clock times.
    var weekly: WeeklySchedule.Period? {
        guard case .clock(let start) = start, case .clock(let end) = end else { return nil }
        return WeeklySchedule.Period(days: days, start: start, end: end)
    }
}
