import Foundation

/// Bounds how many received messages wait for their consumer. When the bound is reached, libmosquitto's network
/// thread waits here instead of reading on: the socket fills, the broker keeps the rest (QoS 1 and 2 in the
/// session), and nothing is dropped. Opening the gate for good (on disconnect) lets the thread finish.
final class DeliveryGate: @unchecked Sendable {
    private let capacity: Int?
    // Guarded by `condition`.
    private var waiting = 0
    private var open = false
    private let condition = NSCondition()

    init(capacity: Int?) { self.capacity = capacity }

    /// Called on the network thread before a message is handed over; waits while the consumer is behind.
    func admit() {
        guard let capacity else { return }
        condition.lock()
        while waiting >= capacity, !open { condition.wait() }
        waiting += 1
        condition.unlock()
    }

    /// Called when the consumer has taken a message.
    func consumed() {
        guard capacity != nil else { return }
        condition.lock()
        waiting = max(0, waiting - 1)
        condition.signal()
        condition.unlock()
    }

    /// Messages handed over and not yet taken by the consumer.
    var waitingCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return waiting
    }

    /// Stops holding the network thread back, for good: the client is going away.
    func release() {
        condition.lock()
        open = true
        condition.broadcast()
        condition.unlock()
    }
}

/// The messages a client receives, in arrival order. Taking one tells the client's ``DeliveryGate`` that the
/// consumer has caught up by one.
public struct MQTTMessages: AsyncSequence, Sendable {
    public typealias Element = MQTTMessage
    public typealias Failure = Never

    let stream: AsyncStream<MQTTMessage>
    let gate: DeliveryGate

    public func makeAsyncIterator() -> Iterator {
        Iterator(base: stream.makeAsyncIterator(), gate: gate)
    }

    public struct Iterator: AsyncIteratorProtocol {
        var base: AsyncStream<MQTTMessage>.Iterator
        let gate: DeliveryGate

        public mutating func next() async -> MQTTMessage? {
            await next(isolation: nil)
        }

        public mutating func next(isolation actor: isolated (any Actor)?) async -> MQTTMessage? {
            let message = await base.next(isolation: actor)
            if message != nil { gate.consumed() }
            return message
        }
    }
}
