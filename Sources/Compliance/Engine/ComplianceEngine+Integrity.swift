import Foundation

extension ComplianceEngine {
    /// Integrity problems as transitions, not one event per message: `integrity_problem` when a problem starts
    /// (with the findings of the message that started it), `integrity_continuing` at most every
    /// ``TransitionTiming/reminderInterval`` while it lasts, and `integrity_ended` (with each episode's messages
    /// and duration) on the first fix without it once it has not been seen for ``TransitionTiming/quietPeriod``.
    /// - Parameter endsOthers: whether the message can end problems it does not have (an accepted fix can; a
    ///   replay, whose time and position are not judged, cannot).
    mutating func integrityEvents(
        _ fix: TelemetryFix, _ findings: [Finding], showsPosition: Bool, endsOthers: Bool, now: Date
    ) -> [EngineEvent] {
        var episodes = integrityEpisodes[fix.drone] ?? [:]
        var started: [Finding] = []
        var continuing: [Finding] = []
        var present: Set<IntegrityCode> = []
        for finding in findings {
            guard case .integrity(let code) = finding.code else { continue }
            present.insert(code)
            guard var episode = episodes[code] else {
                episodes[code] = IntegrityEpisode(code, at: now)
                started.append(finding)
                continue
            }
            episode.last = now
            episode.messages += 1
            if now.timeIntervalSince(episode.reported) >= TransitionTiming.reminderInterval {
                episode.reported = now
                continuing.append(finding)
            }
            episodes[code] = episode
        }
        var ended: [IntegrityEpisode] = []
        if endsOthers {
            for (code, episode) in episodes
            where !present.contains(code) && now.timeIntervalSince(episode.last) >= TransitionTiming.quietPeriod {
                ended.append(episode)
                episodes[code] = nil
            }
        }
        integrityEpisodes[fix.drone] = episodes.isEmpty ? nil : episodes
        var events: [EngineEvent] = []
        let subject = EngineEvent.Subject.fix(fix, showsPosition: showsPosition)
        if !started.isEmpty { events.append(EngineEvent(.integrityProblem, subject, findings: started, time: now)) }
        if !continuing.isEmpty {
            var event = EngineEvent(.integrityContinuing, subject, findings: continuing, time: now)
            event.episodes = present.compactMap { episodes[$0] }.sorted { $0.code.rawValue < $1.code.rawValue }
            events.append(event)
        }
        if !ended.isEmpty {
            var event = EngineEvent(.integrityEnded, subject, time: now)
            event.episodes = ended.sorted { $0.code.rawValue < $1.code.rawValue }
            events.append(event)
        }
        return events
    }
}
