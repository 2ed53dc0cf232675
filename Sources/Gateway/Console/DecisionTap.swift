public import Compliance
public import Foundation
import Synchronization

/// Where the gateway leaves a copy of each decision for the live console, off the message path: a bounded
/// ring that drops the oldest entry when full. The gateway never waits for a reader; a console that falls behind
/// loses old decisions (and counts them), never slows ingress.
public final class DecisionTap: Sendable {
    /// One decision and the gateway's clock when it was made.
    public struct Entry: Sendable {
        public var decision: Decision
        public var time: Date
    }

    /// What a reader takes at once: the entries in order, and how many were dropped since the last take.
    public struct Drained: Sendable {
        public var entries: [Entry]
        public var dropped: Int
    }

    private struct Ring {
        var entries: [Entry] = []
        /// The index of the oldest entry once the ring is full.
        var head = 0
        var dropped = 0
    }

    public let capacity: Int
    private let ring = Mutex(Ring())

    /// - Parameter capacity: the most decisions held between two takes (a few seconds of a busy fleet).
    public init(capacity: Int = 8_192) {
        precondition(capacity > 0, "a tap holds at least one decision")
        self.capacity = capacity
    }

    /// Leaves copies of `decisions`; constant time per decision, under a lock held for the copy only.
    public func offer(_ decisions: [Decision], at time: Date) {
        ring.withLock { ring in
            for decision in decisions {
                let entry = Entry(decision: decision, time: time)
                if ring.entries.count < capacity {
                    ring.entries.append(entry)
                } else {
                    ring.entries[ring.head] = entry
                    ring.head = (ring.head + 1) % capacity
                    ring.dropped += 1
                }
            }
        }
    }

    /// Takes every entry held, oldest first, and empties the ring.
    public func drain() -> Drained {
        ring.withLock { ring in
            let ordered = Array(ring.entries[ring.head...] + ring.entries[..<ring.head])
            let drained = Drained(entries: ordered, dropped: ring.dropped)
            ring = Ring()
            ring.entries.reserveCapacity(min(capacity, 1_024))
            return drained
        }
    }
}
