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
        var occurrences: [String: [Int]] = [:]
        for (index, line) in truth.enumerated() {
            occurrences["\(line.topic)\u{0}\(line.digest)", default: []].append(index)
        }
        var next: [String: Int] = [:]
        var matched: [Int: ActualDecision] = [:]
        var unmatched: [ActualDecision] = []
        for (time, decision) in recorded {
            let key = "\(decision.topic)\u{0}\(decision.digest)"
            let candidates = occurrences[key] ?? []
            var chosen = next[key, default: 0]
            guard chosen < candidates.count else {
                unmatched.append(decision)
                continue
            }
            let replayed = decision.reasons.contains(replayReason)
            if decision.verdict != .absorb,
                let copy = candidates[chosen...].firstIndex(where: {
                    truth[$0].reasons.contains(replayReason) == replayed
                }), candidates[chosen...].contains(where: { truth[$0].reasons.contains(replayReason) })
            {
                chosen = copy
            } else if decision.verdict != .absorb, let time {
                while chosen + 1 < candidates.count,
                    truth[candidates[chosen + 1]].time <= time.addingTimeInterval(0.05)
                {
                    chosen += 1
                }
            }
            matched[candidates[chosen]] = decision
            next[key] = chosen + 1
        }
        let forwards = truth.enumerated().map { index, line in
            matched[index] ?? ActualDecision(topic: line.topic, digest: line.digest, verdict: .forward, reasons: [])
        }
        return forwards + unmatched
    }
}
