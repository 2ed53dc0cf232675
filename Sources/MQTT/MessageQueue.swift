import Foundation

/// Received messages on their way from libmosquitto's network thread to the consumer, oldest first.
///
/// Bounded when a capacity is given: when that many wait, the network thread waits here instead of reading on,
/// the socket fills, the broker keeps the rest (QoS 1 and 2 in the session), and nothing is dropped. Releasing
/// the queue (on disconnect) lets the thread finish.
///
/// The consumer takes messages in batches (``take(limit:)``): one lock and at most one wake-up of the consumer
/// per batch instead of per message, and a network thread held at the bound wakes once per batch taken.
final class MessageQueue: @unchecked Sendable {
    private let capacity: Int?
    // Guarded by `condition`.
    private var buffer: [MQTTMessage] = []
    /// Where the oldest waiting message is in `buffer`: taken messages are dropped from the front in bulk.
    private var head = 0
    private var released = false
    private var finished = false
    /// The consumer waiting for a message (one at a time, as with `AsyncStream`), and which wait it is.
    private var consumer: (wait: Int, continuation: CheckedContinuation<Void, Never>)?
    /// Waits are numbered; a wait whose task was cancelled returns instead of waiting on (by number, so that a
    /// cancellation that comes late never cuts short a later wait).
    private var waits = 0
    private var interruptedWait: Int?
    private let condition = NSCondition()

    init(capacity: Int?) { self.capacity = capacity }

    /// On the network thread: waits while the consumer is behind by the capacity, then queues the message and
    /// wakes the consumer if it waits.
    func push(_ message: MQTTMessage) {
        condition.lock()
        if let capacity {
            while buffer.count - head >= capacity, !released { condition.wait() }
        }
        buffer.append(message)
        let waiting = consumer
        consumer = nil
        condition.unlock()
        waiting?.continuation.resume()
    }

    /// Takes up to `limit` waiting messages, oldest first, waiting for one if none is there; `nil` when the client
    /// is gone, or when the task is cancelled while nothing waits.
    ///
    /// `nonisolated(nonsending)`: it runs on the caller's executor, and resumes there once per batch.
    nonisolated(nonsending) func take(limit: Int) async -> [MQTTMessage]? {
        await receive { $0.takeWaiting(limit: limit) }
    }

    /// The oldest waiting message (as ``take(limit:)``, without an array).
    nonisolated(nonsending) func takeOne() async -> MQTTMessage? {
        await receive { $0.takeWaiting(limit: 1, as: \.first) }
    }

    private nonisolated(nonsending) func receive<Taken>(_ grab: (MessageQueue) -> Taken??) async -> Taken? {
        while true {
            // `.some(nil)`: finished; `nil`: nothing waits yet.
            if let taken = grab(self) { return taken }
            if Task.isCancelled { return nil }
            let wait = nextWait()
            await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    condition.lock()
                    if buffer.count > head || finished || interruptedWait == wait {
                        condition.unlock()
                        continuation.resume()
                        return
                    }
                    consumer = (wait, continuation)
                    condition.unlock()
                }
            } onCancel: {
                interrupt(wait)
            }
        }
    }

    /// Everything waiting now, without waiting.
    func takeNow() -> [MQTTMessage] {
        (takeWaiting(limit: Int.max) ?? nil) ?? []
    }

    private func takeWaiting(limit: Int) -> [MQTTMessage]?? {
        takeWaiting(limit: limit) { Array($0) }
    }

    /// Under the lock: up to `limit` messages through `transform`; `.some(nil)` when finished and empty, `nil`
    /// when nothing waits.
    private func takeWaiting<T>(limit: Int, as transform: (ArraySlice<MQTTMessage>) -> T?) -> T?? {
        condition.lock()
        defer { condition.unlock() }
        let waiting = buffer.count - head
        guard waiting > 0 else { return finished ? .some(nil) : nil }
        let end = head + min(limit, waiting)
        let taken = transform(buffer[head..<end])
        head = end
        if head == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 4_096 {
            buffer.removeFirst(head)
            head = 0
        }
        // Room again: a network thread held at the bound reads on.
        if capacity != nil { condition.signal() }
        return .some(taken)
    }

    private func nextWait() -> Int {
        condition.lock()
        defer { condition.unlock() }
        waits += 1
        return waits
    }

    private func interrupt(_ wait: Int) {
        condition.lock()
        interruptedWait = wait
        let waiting = consumer?.wait == wait ? consumer : nil
        if waiting != nil { consumer = nil }
        condition.unlock()
        waiting?.continuation.resume()
    }

    /// Messages handed over and not yet taken by the consumer.
    var waitingCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return buffer.count - head
    }

    /// Stops holding the network thread back, for good: the client is going away.
    func release() {
        condition.lock()
        released = true
        condition.broadcast()
        condition.unlock()
    }

    /// No more messages will come: a waiting consumer gets what is left, then `nil`.
    func finish() {
        condition.lock()
        finished = true
        let waiting = consumer
        consumer = nil
        condition.unlock()
        waiting?.continuation.resume()
    }
}

/// The messages a client receives, in arrival order, one at a time (see ``MQTTClient/nextBatch(limit:)`` for
/// batches). Breaking out of a loop over them leaves the rest for the next loop.
public struct MQTTMessages: AsyncSequence, Sendable {
    public typealias Element = MQTTMessage
    public typealias Failure = Never

    let queue: MessageQueue

    public func makeAsyncIterator() -> Iterator { Iterator(queue: queue) }

    public struct Iterator: AsyncIteratorProtocol {
        let queue: MessageQueue

        public mutating func next() async -> MQTTMessage? {
            await queue.takeOne()
        }

        public mutating func next(isolation actor: isolated (any Actor)?) async -> MQTTMessage? {
            await queue.takeOne()
        }
    }
}
