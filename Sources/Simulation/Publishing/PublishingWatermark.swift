public import Foundation
import Synchronization

/// How far publishing has really got, in scenario time: the time of the oldest message not yet handed to the
/// broker, or, when everything scheduled is out, of the next message to schedule. An exercise clock limited by it
/// (``limit(_:)``) waits for a publisher that falls behind, so a slow machine plays the exercise slower instead
/// of wrongly: the gateway never judges a message by a time the publisher had not reached.
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
        /// The next message the publisher will hand over, while it waits for its time; after the last one, that
        /// one: the clock does not run past what was published while the gateway may still be deciding it.
        var next: Date?
        /// The most the limited clock has been behind the unlimited one, scenario seconds.
        var worstLag: TimeInterval = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// The publisher's next message, before it waits for its time.
    func scheduling(_ time: Date) {
        state.withLock { $0.next = time }
    }

    /// A message handed to its drone's client.
    func handedOver(drone: String, time: Date) {
        state.withLock { $0.pending[drone, default: Pending()].append(time) }
    }

    /// The oldest message of a drone's client went to the broker.
    func published(drone: String) {
        state.withLock { $0.pending[drone]?.removeFirst() }
    }

    /// The oldest message handed over and not yet published, of any drone.
    var oldestPending: Date? {
        state.withLock { Self.oldest($0.pending, or: nil) }
    }

    /// The oldest of the pending heads and `other`, without building arrays: the gateway's clock asks for every
    /// message it judges.
    private static func oldest(_ pending: [String: Pending], or other: Date?) -> Date? {
        var oldest = other
        for queue in pending.values {
            if let head = queue.first, oldest.map({ head < $0 }) ?? true { oldest = head }
        }
        return oldest
    }

    /// `scenarioNow` (the exercise clock), held back to where publishing has got.
    public func limit(_ scenarioNow: Date) -> Date {
        state.withLock { state in
            guard let bound = Self.oldest(state.pending, or: state.next), bound < scenarioNow else {
                return scenarioNow
            }
            state.worstLag = max(state.worstLag, scenarioNow.timeIntervalSince(bound))
            return bound
        }
    }

    /// The most the clock has waited for publishing so far, in scenario seconds.
    public var worstLag: TimeInterval { state.withLock { $0.worstLag } }
}
