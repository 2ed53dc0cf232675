import Foundation
import Synchronization

/// Many MQTT clients, each its own connection with its own client id and credentials (so the broker's ACLs
/// apply to each), driven by one thread: one `poll` over all their sockets instead of one libmosquitto network
/// thread per client. For load that many clients generate together, like an exercise's fleet of drones: with a
/// thread per client, 200 drones at fleet pace spend most of their time switching threads in the kernel.
///
/// Messages sent to a member go out in the order sent, at the QoS asked; for QoS 1 and 2 libmosquitto keeps
/// them across a lost connection and sends them again once reconnected (the group reconnects by itself, backing
/// off within each member's ``MQTTOptions/reconnectDelay``). Not supported here: TLS and custody windows (the
/// gateway's own sessions use ``MQTTClient``).
public final class MQTTClientGroup: Sendable {
    private let loop: ClientGroupLoop
    private let started = Mutex(false)

    /// Creates the members' clients, one for each options; nothing connects before ``connect(timeout:)``.
    /// - Parameter slowdown: a pause before each message a member publishes: a slow machine on demand, for
    ///   tests of what a late publisher does to an exercise.
    public init(members: [MQTTOptions], slowdown: Duration? = nil) throws(MQTTError) {
        loop = try ClientGroupLoop(options: members, slowdown: slowdown)
    }

    deinit {
        stop()
    }

    /// The number of members, in the order given to ``init(members:slowdown:)``.
    public var count: Int { loop.members.count }

    /// Messages sent and not yet acknowledged by the broker (QoS 1 and 2) or written (QoS 0).
    public var unacknowledged: Int { loop.unacknowledged.load(ordering: .relaxed) }

    /// Members whose connection the broker has accepted and that have not lost it since.
    public var connected: Int { loop.shared.withLock { $0.connected } }

    /// Starts the group's thread, connects every member and waits until the broker has accepted them all.
    /// Throws when the broker refuses one (naming its client id and the broker's reason) or when not all are
    /// connected within `timeout`; the members go on trying in the background until ``close()``.
    public func connect(timeout: Duration = .seconds(10)) async throws(MQTTError) {
        let start = started.withLock { started in
            defer { started = true }
            return !started
        }
        if start {
            let loop = self.loop
            let thread = Thread { loop.run() }
            thread.name = "mqtt-client-group"
            thread.start()
        }
        let deadline = ContinuousClock.now + timeout
        let first = loop.members.first?.options
        while true {
            let (connected, failure) = loop.shared.withLock { ($0.connected, $0.failure) }
            if let failure { throw failure }
            if connected == count { return }
            guard ContinuousClock.now < deadline, !Task.isCancelled else {
                throw MQTTError(
                    code: nil,
                    operation:
                        "connecting \(count) clients to \(first?.host ?? "?"):\(first.map { "\($0.port)" } ?? "?")",
                    message: "\(connected) of \(count) connected within \(timeout) (they keep trying in the background)"
                )
            }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Hands a message to a member (by its index in the options given at creation); returns at once.
    /// - Parameter whenDone: runs on the group's thread once the broker has acknowledged the message (QoS 1 and
    ///   2) or it was written (QoS 0). Keep it short: every member waits while it runs.
    /// - Throws: when the group is closed, or an earlier connection or message failed (the first failure).
    public func send(_ message: MQTTMessage, to member: Int, whenDone: (@Sendable () -> Void)? = nil)
        throws(MQTTError)
    {
        precondition(loop.members.indices.contains(member), "no member \(member) in a group of \(count)")
        loop.unacknowledged.add(1, ordering: .relaxed)
        let outcome = loop.shared.withLock { shared -> Result<Bool, MQTTError> in
            if let failure = shared.failure { return .failure(failure) }
            if shared.stopping {
                return .failure(
                    MQTTError(
                        code: .noConnection, operation: "sending to \(message.topic)", message: "the group is closed"))
            }
            shared.outgoing.append(ClientGroupLoop.Outgoing(member: member, message: message, whenDone: whenDone))
            defer { shared.wakeSignalled = true }
            return .success(!shared.wakeSignalled)
        }
        switch outcome {
        case .failure(let error):
            loop.unacknowledged.subtract(1, ordering: .relaxed)
            throw error
        case .success(let wake):
            if wake { loop.wake.wake() }
        }
    }

    /// Waits until every message sent has been acknowledged (or written, at QoS 0); throws the first failure.
    /// While the broker is away this waits for the reconnection, as libmosquitto keeps QoS 1 and 2 messages.
    public func flush() async throws(MQTTError) {
        while unacknowledged > 0 {
            if let failure = loop.shared.withLock({ $0.failure }) { throw failure }
            guard !Task.isCancelled else {
                throw MQTTError(
                    code: nil, operation: "waiting for the broker's acknowledgements",
                    message: "cancelled with \(unacknowledged) unacknowledged")
            }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Disconnects every member cleanly (the broker does not publish their wills) and waits for the group's
    /// thread to finish (at most a few seconds). Messages not yet acknowledged are given up. Idempotent.
    public func close() async {
        let running = started.withLock { $0 }
        stop()
        guard running else { return }
        while !loop.shared.withLock({ $0.finished }) {
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    private func stop() {
        let wake = loop.shared.withLock { shared -> Bool in
            defer { shared.stopping = true }
            return !shared.stopping
        }
        if wake { loop.wake.wake() }
    }
}
