import Foundation

/// Batches handed to worker threads and their results handed back in the order the batches came in, with at
/// most ``capacity`` batches read and not yet written, so that memory stays bounded however long the input.
///
/// `@unchecked Sendable`: every stored property is read and written only while ``condition`` is locked.
final class OrderedBatches<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    let capacity: Int
    private let condition = NSCondition()
    /// Batches not yet taken by a worker, with their sequence numbers, oldest first.
    private var waiting: [(sequence: Int, input: Input)] = []
    private var waitingStart = 0
    /// Results that came back before an earlier one.
    private var finished: [Int: Output] = [:]
    private var submitted = 0
    private var delivered = 0
    private var isClosed = false

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
    }

    /// Queues a batch, waiting while ``capacity`` batches are in flight.
    func submit(_ input: Input) {
        condition.withLock {
            while submitted - delivered >= capacity { condition.wait() }
            waiting.append((submitted, input))
            submitted += 1
            condition.broadcast()
        }
    }

    /// No more batches: workers stop when the queue is empty, ``next()`` when every result is delivered.
    func close() {
        condition.withLock {
            isClosed = true
            condition.broadcast()
        }
    }

    /// For a worker: the oldest batch not yet taken, or `nil` when the queue is closed and empty.
    func take() -> (sequence: Int, input: Input)? {
        condition.withLock {
            while waitingStart == waiting.count, !isClosed { condition.wait() }
            guard waitingStart < waiting.count else { return nil }
            let next = waiting[waitingStart]
            waitingStart += 1
            // Compact now and then: the queue never holds more than `capacity` entries.
            if waitingStart >= capacity {
                waiting.removeFirst(waitingStart)
                waitingStart = 0
            }
            return next
        }
    }

    /// For a worker: the result of the batch with this sequence number.
    func complete(_ sequence: Int, with output: Output) {
        condition.withLock {
            finished[sequence] = output
            condition.broadcast()
        }
    }

    /// The next result in input order, waiting for it; `nil` after the last once the queue is closed.
    func next() -> Output? {
        condition.withLock {
            while finished[delivered] == nil, !(isClosed && delivered == submitted) { condition.wait() }
            guard let output = finished.removeValue(forKey: delivered) else { return nil }
            delivered += 1
            condition.broadcast()
            return output
        }
    }
}
