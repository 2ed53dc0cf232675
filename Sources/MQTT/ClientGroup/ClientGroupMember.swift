import CMosquitto
import Foundation

/// One client of a ``MQTTClientGroup``: its libmosquitto handle and what only the group's loop thread reads and
/// writes (its backlog, the messages the broker has not yet acknowledged, its reconnection schedule). The
/// handle's callbacks run on that thread too, inside `mosquitto_loop_read` and `mosquitto_loop_write`.
final class ClientGroupMember {
    let handle: OpaquePointer
    let options: MQTTOptions
    /// The loop that owns this member and outlives it: callbacks only run while the loop runs.
    unowned let loop: ClientGroupLoop
    /// Messages handed to the group and not yet given to libmosquitto, oldest first.
    var backlog = FIFOQueue<ClientGroupLoop.Outgoing>()
    /// Messages given to libmosquitto and not yet acknowledged (QoS 1 and 2) or written (QoS 0), by message id.
    var inFlight: [Int32: (qos: Int, whenDone: (@Sendable () -> Void)?)] = [:]
    /// Whether the broker has accepted the connection (CONNACK with success) and not lost it since.
    var connected = false
    /// Whether the first connection attempt has been made.
    var started = false
    /// When to try to connect again while the socket is closed.
    var reconnectAt = ContinuousClock.now
    var reconnectDelay: Int
    /// With a slowdown, the earliest time the next message may go to libmosquitto.
    var notBefore = ContinuousClock.now

    init(handle: OpaquePointer, options: MQTTOptions, loop: ClientGroupLoop) {
        self.handle = handle
        self.options = options
        self.loop = loop
        reconnectDelay = options.reconnectDelay.lowerBound
    }

    var socket: Int32 { mosquitto_socket(handle) }

    /// Installs the callbacks; `userdata` is this member, which the loop keeps alive as long as the handle.
    func installCallbacks() {
        mosquitto_user_data_set(handle, Unmanaged.passUnretained(self).toOpaque())
        mosquitto_connect_callback_set(handle) { _, userdata, code in
            ClientGroupMember.from(userdata).loop.didConnect(ClientGroupMember.from(userdata), code: code)
        }
        mosquitto_disconnect_callback_set(handle) { _, userdata, code in
            ClientGroupMember.from(userdata).loop.didDisconnect(ClientGroupMember.from(userdata), code: code)
        }
        mosquitto_publish_callback_set(handle) { _, userdata, mid in
            ClientGroupMember.from(userdata).loop.didComplete(ClientGroupMember.from(userdata), mid: mid)
        }
    }

    private static func from(_ userdata: UnsafeMutableRawPointer?) -> ClientGroupMember {
        Unmanaged<ClientGroupMember>.fromOpaque(userdata!).takeUnretainedValue()
    }

    /// Schedules the next connection attempt, backing off exponentially up to the options' bound.
    func scheduleReconnect(now: ContinuousClock.Instant) {
        reconnectAt = now + .seconds(reconnectDelay)
        reconnectDelay = min(reconnectDelay * 2, max(options.reconnectDelay.upperBound, 1))
    }
}
