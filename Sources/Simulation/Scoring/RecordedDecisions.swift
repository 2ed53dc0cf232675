public import Foundation

/// The gateway's decisions as a record of non-plain forwards tells them: one decision per truth message.
public enum RecordedDecisions {
    static let replayReason = "replayed_seq"

    /// One decision per truth message: its recorded decision or, when there is none, a plain forward; then the
    /// recorded decisions no truth message took.
    ///
    /// Records match truth messages by topic and digest, never before a message already matched. The same bytes
    /// can be sent more than once:
    /// - a status message the gateway absorbs (a MAVLink heartbeat, byte-identical every second) is recorded
    ///   every time, so its records take the identical messages in order;
    /// - a replayed message (a replayed `seq`) is recorded for the replayed copy, and for the first copy only
    ///   when that was not a plain forward either: a record that says `replayed_seq` goes to the next identical
    ///   message whose truth is a replay, a record that does not to the next one whose truth is not (whatever the
    ///   delays, which on a loaded machine can exceed the seconds between the copies);
    /// - other repeats, and a record no such copy is left for, go to the latest identical message sent by the
    ///   record's time (the gateway's clock at receipt, which trails the sending time by the latency; both read
    ///   the exercise clock, and 50 ms of slack covers rounding to milliseconds).
    public static func actual(truth: [TruthLine], recorded: [(time: Date?, decision: ActualDecision)])
        -> [ActualDecision]
    {
        let matching = match(truth: truth, recorded: recorded)
        let forwards = truth.enumerated().map { index, line in
            matching.matched[index]
                ?? ActualDecision(topic: line.topic, digest: line.digest, verdict: .forward, reasons: [])
        }
        return forwards + matching.unmatched
    }

    /// The scorecard of a truth too large to hold, read twice: once to find where the few messages that have
    /// records are, once to score every message against its record or, without one, a plain forward. Memory grows
    /// with the records, not with the truth (a 10-minute, 200-drone exercise has 1.32 million truth lines and
    /// few records).
    /// A message without a record that lies within one of the recorded `gaps` counts as missing, not forwarded.
    /// - Parameter truth: makes a fresh pass over the truth, in order, each time it is called.
    public static func scorecard<Lines: Sequence<TruthLine>>(
        truth: () throws -> Lines, recorded: [(time: Date?, decision: ActualDecision)],
        gaps: RecordedGaps = RecordedGaps()
    ) rethrows -> Scorecard {
        let matching = match(truth: try truth(), recorded: recorded)
        var builder = ScorecardBuilder()
        for (index, line) in try truth().enumerated() {
            if let decision = matching.matched[index] {
                builder.add(line, decision)
            } else if let fix = line.droneSeq, gaps.contains(fix) {
                builder.add(line, nil)
            } else {
                let forward = ActualDecision(topic: line.topic, digest: line.digest, verdict: .forward, reasons: [])
                builder.add(line, forward)
            }
        }
        for decision in matching.unmatched { builder.addUnexpected(decision) }
        return builder.scorecard
    }

    /// Where a truth message with a record is: its index in the truth, its time, and whether it is a replay.
    struct Occurrence {
        let index: Int
        let time: Date
        let isReplay: Bool
    }

    /// Which truth message each record goes to (by index), and the records none took. Only truth messages whose
    /// topic and digest some record has are kept.
    static func match(truth: some Sequence<TruthLine>, recorded: [(time: Date?, decision: ActualDecision)]) -> (
        matched: [Int: ActualDecision], unmatched: [ActualDecision]
    ) {
        let wanted = Set(recorded.map(\.decision.key))
        var occurrences: [String: [Occurrence]] = [:]
        for (index, line) in truth.enumerated() where wanted.contains(line.key) {
            occurrences[line.key, default: []].append(
                Occurrence(index: index, time: line.time, isReplay: line.reasons.contains(replayReason)))
        }
        var next: [String: Int] = [:]
        var matched: [Int: ActualDecision] = [:]
        var unmatched: [ActualDecision] = []
        for (time, decision) in recorded {
            let key = decision.key
            let candidates = occurrences[key] ?? []
            var chosen = next[key, default: 0]
            guard chosen < candidates.count else {
                unmatched.append(decision)
                continue
            }
            let replayed = decision.reasons.contains(replayReason)
            if decision.verdict != .absorb,
                let copy = candidates[chosen...].firstIndex(where: { $0.isReplay == replayed }),
                candidates[chosen...].contains(where: \.isReplay)
            {
                chosen = copy
            } else if decision.verdict != .absorb, let time {
                while chosen + 1 < candidates.count, candidates[chosen + 1].time <= time.addingTimeInterval(0.05) {
                    chosen += 1
                }
            }
            matched[candidates[chosen].index] = decision
            next[key] = chosen + 1
        }
        return (matched, unmatched)
    }
}
