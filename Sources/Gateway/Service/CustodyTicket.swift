import MQTT
import Synchronization

/// One message in the gateway's custody, from its receipt until everything it caused is safe: its records
/// committed and each of its publications acknowledged by the consumers' broker (or written, at QoS 0). Each of
/// those is a hold; when the last is let go, the message leaves the ``CustodyWindow`` and is ``isSafe``.
///
/// Holds are let go on other threads (the record's writer, libmosquitto's network thread), hence the atomic.
final class CustodyTicket: Sendable {
    private let window: CustodyWindow
    private let bytes: Int
    /// Starts at one: the gateway's own hold while it decides the message.
    private let holds = Atomic<Int>(1)

    init(bytes: Int, window: CustodyWindow) {
        self.bytes = bytes
        self.window = window
    }

    /// One more thing to wait for.
    func hold() {
        holds.add(1, ordering: .relaxed)
    }

    /// One thing done; the last one releases the message from the window.
    @Sendable func letGo() {
        if holds.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 {
            window.release(bytes: bytes)
        }
    }

    var isSafe: Bool { holds.load(ordering: .acquiring) == 0 }
}
