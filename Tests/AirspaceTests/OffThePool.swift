import Foundation

/// Runs blocking work (a child process, seconds of computation) on a thread of its own and waits for it without
/// holding one of Swift concurrency's threads, of which a 2-core machine has two: blocking one for seconds starves
/// the suite's time-sensitive tests (live brokers, exercises on a clock) running beside it.
func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
    }
}
