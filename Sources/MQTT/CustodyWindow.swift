import Foundation

/// The messages a client has taken from its broker and not yet handed on: a bound in messages and in bytes on
/// what a crash of the process can lose.
///
/// Once the broker has a QoS 1 message's PUBACK, it has forgotten the message. libmosquitto 2.0 sends the PUBACK
/// as soon as it has read the message, before the message callback; later versions after it. Either way the next
/// message is read, and acknowledged, only after the callback returns. So a client with a window takes each
/// received message in (``admit(bytes:)``), hands it over, and then, while the window is full, waits in the
/// callback (``waitForRoom()``): the network thread reads no further, the socket fills and the broker keeps the
/// rest in the session. The consumer ``release(bytes:)``es a message once its outcome is safe elsewhere (for the
/// gateway: its record committed and its publications acknowledged by the consumers' broker). At any instant at
/// most ``messageLimit`` messages are acknowledged to the broker and not yet safe, and at most ``byteLimit``
/// bytes plus the last message taken in (the window is full once it reaches the limit, so one message may take
/// it over; a message larger than the limit is never refused here: refusing is the engine's job, and it records
/// the refusal).
///
public final class CustodyWindow: Hashable, @unchecked Sendable {
    public let messageLimit: Int
    public let byteLimit: Int
    private let condition = NSCondition()
    private var messages = 0
    private var bytes = 0
    private var opened = false
    private var mostMessages = 0
    private var mostBytes = 0
    private var waits = 0

    /// - Parameters:
    ///   - messages: at least 1.
    ///   - bytes: at least 1.
    public init(messages: Int, bytes: Int) {
        messageLimit = max(1, messages)
        byteLimit = max(1, bytes)
    }

    /// On the network thread, for a message just read (and, with libmosquitto 2.0, already acknowledged): counts
    /// it in. Then hand it over and call ``waitForRoom()``.
    func admit(bytes size: Int) {
        condition.lock()
        defer { condition.unlock() }
        messages += 1
        bytes += size
        mostMessages = max(mostMessages, messages)
        mostBytes = max(mostBytes, bytes)
    }

    /// On the network thread, before it reads on: waits while the window is full.
    func waitForRoom() {
        condition.lock()
        defer { condition.unlock() }
        guard isFull else { return }
        waits += 1
        while !opened, isFull { condition.wait() }
    }

    private var isFull: Bool { messages >= messageLimit || bytes >= byteLimit }

    /// A message of `size` bytes is safe: its room is free again.
    public func release(bytes size: Int) {
        condition.lock()
        messages = max(0, messages - 1)
        bytes = max(0, bytes - size)
        condition.broadcast()
        condition.unlock()
    }

    /// Stops holding the network thread back, for good (the client is going away); what is admitted after this is
    /// still counted.
    public func open() {
        condition.lock()
        opened = true
        condition.broadcast()
        condition.unlock()
    }

    /// What is in custody now, the most there has been at once, and how often the network thread had to wait.
    public var usage: Usage {
        condition.lock()
        defer { condition.unlock() }
        return Usage(
            messages: messages, bytes: bytes, mostMessages: mostMessages, mostBytes: mostBytes, fullWaits: waits)
    }

    public static func == (left: CustodyWindow, right: CustodyWindow) -> Bool { left === right }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }

    public struct Usage: Sendable, Hashable {
        public var messages: Int
        public var bytes: Int
        public var mostMessages: Int
        public var mostBytes: Int
        public var fullWaits: Int
    }
}
