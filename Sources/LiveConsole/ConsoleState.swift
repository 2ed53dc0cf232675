import Compliance
import Foundation
import Gateway

/// The picture the console shows, folded from the decisions the gateway leaves in its ``DecisionTap``. Owned by
/// the ``SnapshotFeed``'s loop, never by the gateway: nothing here is on the message path.
struct ConsoleState: Sendable {
    /// How many events the feed keeps, and how many seconds the timeline strip.
    static let feedLength = 200
    static let timelineLength = 120

    var drones: [String: DroneView] = [:]
    /// Oldest first.
    var feed: [FeedEvent] = []
    /// Oldest first, one per second that had a decision.
    var timeline: [TimelineSecond] = []
    /// Decisions the tap dropped because the console fell behind (they are still in the record).
    var dropped = 0
    var decided = 0
    private var nextSerial = 1

    mutating func fold(_ drained: DecisionTap.Drained) {
        dropped += drained.dropped
        for entry in drained.entries { fold(entry.decision, at: entry.time) }
    }

    mutating func fold(_ decision: Decision, at time: Date) {
        decided += 1
        if let droneName = decision.drone {
            var drone = drones[droneName] ?? DroneView(drone: droneName)
            if let fix = decision.fix {
                drone.take(fix, state: decision.state, findings: decision.findings, at: time)
            } else if decision.stream == nil, let state = decision.state {
                drone.state = state
            }
            if let stream = decision.stream, decision.release == nil {
                drone.streams[stream, default: StreamView()].count(decision.verdict, product: decision.product)
            }
            if drone.mission == nil { drone.mission = decision.mission }
            drones[droneName] = drone
        }
        for event in decision.events {
            feed.append(FeedEvent(serial: nextSerial, event))
            nextSerial += 1
        }
        if feed.count > Self.feedLength { feed.removeFirst(feed.count - Self.feedLength) }
        tally(decision.verdict, at: time)
    }

    private mutating func tally(_ verdict: Decision.Verdict, at time: Date) {
        let second = Int(time.timeIntervalSince1970.rounded(.down))
        if timeline.last?.second != second {
            // A decision judged late (an order, a backlog) lands in the newest bar rather than reordering the strip.
            if let last = timeline.last?.second, second < last {
                return tallyInto(&timeline[timeline.count - 1], verdict)
            }
            timeline.append(TimelineSecond(second: second))
            if timeline.count > Self.timelineLength { timeline.removeFirst(timeline.count - Self.timelineLength) }
        }
        tallyInto(&timeline[timeline.count - 1], verdict)
    }

    private func tallyInto(_ bar: inout TimelineSecond, _ verdict: Decision.Verdict) {
        switch verdict {
        case .forward: bar.forwarded += 1
        case .redact: bar.redacted += 1
        case .block, .withhold, .reject: bar.blocked += 1
        }
    }
}
