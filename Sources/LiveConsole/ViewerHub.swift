import Synchronization

/// The viewers connected to the live stream, each with a small queue of its own that drops the oldest snapshot
/// when full: a viewer that stops reading misses snapshots (each one is complete), and nobody waits for it.
final class ViewerHub: Sendable {
    /// Snapshots a viewer may have queued; each is the whole picture, so older ones are worth nothing.
    static let queueLength = 4

    private struct Viewers {
        var next = 0
        var open: [Int: AsyncStream<[UInt8]>.Continuation] = [:]
        var closed = false
    }

    private let viewers = Mutex(Viewers())

    var count: Int { viewers.withLock { $0.open.count } }

    /// The most viewers at once: each costs a connection and a copy per snapshot, so there is a bound.
    static let maximumViewers = 64

    /// A new viewer's stream, starting with `first` when there is a snapshot already; `nil` when
    /// ``maximumViewers`` are watching already.
    func join(first: [UInt8]?) -> AsyncStream<[UInt8]>? {
        let (stream, continuation) = AsyncStream.makeStream(
            of: [UInt8].self, bufferingPolicy: .bufferingNewest(Self.queueLength))
        if let first { continuation.yield(first) }
        let admission: Admission = viewers.withLock { viewers in
            guard !viewers.closed else { return .closed }
            guard viewers.open.count < Self.maximumViewers else { return .full }
            defer { viewers.next += 1 }
            viewers.open[viewers.next] = continuation
            return .joined(viewers.next)
        }
        switch admission {
        case .full:
            return nil
        case .closed:
            // Shutting down: the stream ends at once.
            continuation.finish()
            return stream
        case .joined(let id):
            continuation.onTermination = { [weak self] _ in
                _ = self?.viewers.withLock { $0.open.removeValue(forKey: id) }
            }
            return stream
        }
    }

    private enum Admission { case joined(Int), full, closed }

    /// Hands the snapshot to every viewer's queue; never waits.
    func broadcast(_ snapshot: [UInt8]) {
        let open = viewers.withLock { Array($0.open.values) }
        for continuation in open { continuation.yield(snapshot) }
    }

    /// Ends every viewer's stream (shutdown), and refuses new ones.
    func closeAll() {
        let open = viewers.withLock { viewers in
            viewers.closed = true
            defer { viewers.open = [:] }
            return Array(viewers.open.values)
        }
        for continuation in open { continuation.finish() }
    }
}
