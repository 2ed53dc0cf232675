public import Foundation
import Synchronization

/// How far publishing has really got, in scenario time: the time of the oldest message not yet handed to the
/// broker, or, when everything scheduled is out, of the next message to schedule. An exercise clock limited by it
/// (``limit(_:)``) waits for a publisher that falls behind, so a slow machine plays the exercise slower instead
/// of wrongly: the gateway never judges a message by a time the publisher had not reached.
///
/// Where the gateway runs in the same process, it also says when it takes each message to judge
/// (``judging()``): then the watermark is the oldest message handed over and not yet taken by the gateway, so
/// the clock waits for a gateway that falls behind too (a backlog in the broker would otherwise make every late
/// message look `clock_behind`), and the publisher, which keeps within ``ExercisePublisher/maximumLead`` of the
/// watermark, slows to the gateway's pace. Messages are counted, not matched: the gateway takes them in nearly
/// the order they were handed over, and one that never reaches it holds the clock back by one message's time.
public final class PublishingWatermark: Sendable {
    /// The scenario times of one drone's messages handed to its client and not yet published, oldest first.
    struct Pending {
        var times: [Date] = []
        var head = 0
        var first: Date? { head < times.count ? times[head] : nil }

        mutating func append(_ time: Date) { times.append(time) }

        mutating func removeFirst() {
            guard head < times.count else { return }
            head += 1
            // Keep the array from growing over a long exercise: drop what has been published.
            if head > 1_024, head * 2 > times.count {
                times.removeFirst(head)
                head = 0
            }
        }
    }

    struct State {
        var pending: [String: Pending] = [:]
        /// Every drone's messages handed over and not yet taken by the gateway, in the order handed over; kept
        /// only when the gateway says what it takes.
        var untaken = Pending()
        var countsJudging = false
        /// Messages the gateway took while none was waiting (one that no publisher here handed over): each
        /// cancels the next handed over, so that the count never holds the clock back for good.
        var takenAhead = 0
        /// The next message the publisher will hand over, while it waits for its time; after the last one, that
        /// one: the clock does not run past what was published while the gateway may still be deciding it.
        var next: Date?
        /// The most the limited clock has been behind the unlimited one, scenario seconds.
        var worstLag: TimeInterval = 0
    }

    private let state = Mutex(State())

    /// - Parameter waitsForTheGateway: whether the gateway reports each message it takes (``judging()``), and
    ///   the watermark waits for it.
    public init(waitsForTheGateway: Bool = false) {
        state.withLock { $0.countsJudging = waitsForTheGateway }
    }

    /// The publisher's next message, before it waits for its time.
    func scheduling(_ time: Date) {
        state.withLock { $0.next = time }
    }

    /// A message handed to its drone's client.
    func handedOver(drone: String, time: Date) {
        state.withLock {
            $0.pending[drone, default: Pending()].append(time)
            if $0.countsJudging {
                if $0.takenAhead > 0 { $0.takenAhead -= 1 } else { $0.untaken.append(time) }
            }
        }
    }

    /// The gateway took a message to judge.
    public func judging() {
        state.withLock {
            if $0.untaken.first == nil { $0.takenAhead += 1 } else { $0.untaken.removeFirst() }
        }
    }

    /// The oldest message of a drone's client went to the broker.
    func published(drone: String) {
        state.withLock { $0.pending[drone]?.removeFirst() }
    }

    /// The oldest message handed over and not yet published, of any drone.
    var oldestPending: Date? {
        state.withLock { Self.oldest($0, or: nil) }
    }

    /// The oldest of the pending heads and `other`, without building arrays: the gateway's clock asks for every
    /// message it judges.
    private static func oldest(_ state: State, or other: Date?) -> Date? {
        var oldest = other
        if let head = state.untaken.first, oldest.map({ head < $0 }) ?? true { oldest = head }
        for queue in state.pending.values {
            if let head = queue.first, oldest.map({ head < $0 }) ?? true { oldest = head }
        }
        return oldest
    }

    /// `scenarioNow` (the exercise clock), held back to where publishing has got.
    public func limit(_ scenarioNow: Date) -> Date {
        state.withLock { state in
            guard let bound = Self.oldest(state, or: state.next), bound < scenarioNow else {
                return scenarioNow
            }
            state.worstLag = max(state.worstLag, scenarioNow.timeIntervalSince(bound))
            return bound
        }
    }

    /// The most the clock has waited for publishing so far, in scenario seconds.
    public var worstLag: TimeInterval { state.withLock { $0.worstLag } }
}
