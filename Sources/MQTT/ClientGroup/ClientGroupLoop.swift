import CMosquitto
import Foundation
import Synchronization

/// The thread behind a ``MQTTClientGroup``: every member's libmosquitto handle driven with the non-threaded
/// interface from one `poll` over all their sockets, instead of one network thread per client.
///
/// Only this thread calls libmosquitto for the members (connect, publish, read, write, keep-alive, disconnect)
/// and only it touches their ``ClientGroupMember`` state; other threads hand messages over through ``shared``
/// and wake it through ``wake``. The poll set is rebuilt from each handle's current socket on every turn and a
/// ready descriptor is serviced only while its member still owns that number, so a socket libmosquitto closed
/// is never read or written again, even when another part of the process has been given the same number since.
/// The handles are destroyed exactly once, in `deinit`, after the thread has let go of the loop.
final class ClientGroupLoop: @unchecked Sendable {
    struct Outgoing {
        var member: Int
        var message: MQTTMessage
        var whenDone: (@Sendable () -> Void)?
    }

    /// What other threads and the loop thread share.
    struct Shared {
        var outgoing: [Outgoing] = []
        /// A wake-up is already on its way: a sender need not write to the pipe again.
        var wakeSignalled = false
        var stopping = false
        var finished = false
        var connected = 0
        /// Why the broker refused a member's connection, or libmosquitto a message, first one first.
        var failure: MQTTError?
    }

    let shared = Mutex(Shared())
    /// Messages handed to the group and not yet acknowledged (QoS 1 and 2) or written (QoS 0).
    let unacknowledged = Atomic<Int>(0)
    let wake: WakePipe
    private(set) var members: [ClientGroupMember] = []
    private let slowdown: Duration?
    private var disconnecting = false
    /// How often keep-alives are checked and how long the thread sleeps at most when nothing happens.
    private static let housekeeping = Duration.milliseconds(250)
    /// How long a clean disconnection may take before the sockets are simply closed.
    private static let disconnectGrace = Duration.seconds(2)

    init(options: [MQTTOptions], slowdown: Duration?) throws(MQTTError) {
        MQTTLibrary.initialise()
        wake = try WakePipe()
        self.slowdown = slowdown
        for option in options {
            guard option.tls == nil, option.custody == nil else {
                throw MQTTError(
                    code: .invalidArgument, operation: "adding \(option.clientID) to a client group",
                    message: "a client group publishes over plain connections without a custody window")
            }
            guard let handle = mosquitto_new(option.clientID, option.cleanSession, nil) else {
                throw MQTTError(
                    code: nil, operation: "mosquitto_new",
                    message: "could not create a client (client id '\(option.clientID)')")
            }
            // Owned from here on: `deinit` destroys it, also when a later step throws.
            let member = ClientGroupMember(handle: handle, options: option, loop: self)
            members.append(member)
            try configure(member)
            member.installCallbacks()
        }
    }

    deinit {
        for member in members { mosquitto_destroy(member.handle) }
    }

    private func configure(_ member: ClientGroupMember) throws(MQTTError) {
        let handle = member.handle
        let options = member.options
        // The group's thread does all the writing: publish only queues (libmosquitto's "threaded externally").
        try MQTTError.check(mosquitto_threaded_set(handle, true), "handing \(options.clientID) to the group's thread")
        try options.configureConnection(of: handle)
    }

    // MARK: - The thread

    func run() {
        var polls: [pollfd] = []
        var owners: [ClientGroupMember] = []
        var batch: [Outgoing] = []
        var lastHousekeeping = ContinuousClock.now
        var stopDeadline: ContinuousClock.Instant?
        while true {
            let now = ContinuousClock.now
            let stopping = shared.withLock { shared in
                swap(&shared.outgoing, &batch)
                shared.wakeSignalled = false
                return shared.stopping
            }
            for outgoing in batch { members[outgoing.member].backlog.append(outgoing) }
            batch.removeAll(keepingCapacity: true)
            if stopping, !disconnecting {
                disconnecting = true
                stopDeadline = now + Self.disconnectGrace
                for member in members where member.socket >= 0 { mosquitto_disconnect(member.handle) }
            }
            if let stopDeadline, now >= stopDeadline || members.allSatisfy({ $0.socket < 0 }) { break }
            if !disconnecting {
                connectWhereDue(now: now)
                publishBacklogs(now: now)
            }
            if now - lastHousekeeping >= Self.housekeeping {
                lastHousekeeping = now
                for member in members where member.socket >= 0 { mosquitto_loop_misc(member.handle) }
            }
            polls.removeAll(keepingCapacity: true)
            owners.removeAll(keepingCapacity: true)
            polls.append(pollfd(fd: wake.readEnd, events: Int16(POLLIN), revents: 0))
            for member in members {
                let socket = member.socket
                guard socket >= 0 else { continue }
                let events = mosquitto_want_write(member.handle) ? POLLIN | POLLOUT : POLLIN
                polls.append(pollfd(fd: socket, events: Int16(events), revents: 0))
                owners.append(member)
            }
            let ready = poll(&polls, nfds_t(polls.count), timeout(now: now, lastHousekeeping: lastHousekeeping))
            guard ready > 0 else { continue }
            if polls[0].revents != 0 { wake.drain() }
            for index in 1..<polls.count where polls[index].revents != 0 {
                service(owners[index - 1], socket: polls[index].fd, events: Int32(polls[index].revents))
            }
        }
        shared.withLock { $0.finished = true }
    }

    /// Reads and writes what `poll` found ready on a member's socket, unless libmosquitto closed it meanwhile.
    private func service(_ member: ClientGroupMember, socket: Int32, events: Int32) {
        if events & (POLLIN | POLLERR | POLLHUP) != 0, member.socket == socket {
            mosquitto_loop_read(member.handle, 1)
        }
        if events & POLLOUT != 0, member.socket == socket {
            mosquitto_loop_write(member.handle, 1)
        }
    }

    /// How long `poll` may block: until the next keep-alive check, reconnection or slowed message.
    private func timeout(now: ContinuousClock.Instant, lastHousekeeping: ContinuousClock.Instant) -> Int32 {
        var due = lastHousekeeping + Self.housekeeping
        for member in members {
            if member.started, member.socket < 0, !disconnecting { due = min(due, member.reconnectAt) }
            if slowdown != nil, member.connected, !member.backlog.isEmpty { due = min(due, member.notBefore) }
        }
        let wait = due - now
        guard wait > .zero else { return 0 }
        return Int32(min(wait.components.seconds * 1_000 + wait.components.attoseconds / 1_000_000_000_000_000, 1_000))
    }

    private func connectWhereDue(now: ContinuousClock.Instant) {
        for member in members where member.socket < 0 {
            let code: Int32
            if !member.started {
                member.started = true
                let options = member.options
                code = mosquitto_connect_async(
                    member.handle, options.host, Int32(options.port), Int32(options.keepAlive))
            } else if now >= member.reconnectAt {
                code = mosquitto_reconnect_async(member.handle)
            } else {
                continue
            }
            guard code != MOSQ_ERR_SUCCESS.rawValue else { continue }
            // A broker that is down now may be up later: keep trying, backing off.
            member.scheduleReconnect(now: now)
            if code != MOSQ_ERR_ERRNO.rawValue {
                fail(MQTTError(code: code, operation: "connecting \(member.options.clientID)"))
            }
        }
    }

    /// Gives each connected member's backlog to libmosquitto, in order; with a slowdown, one message per member
    /// per slowdown.
    private func publishBacklogs(now: ContinuousClock.Instant) {
        for member in members where member.connected && !member.backlog.isEmpty {
            while let next = member.backlog.first {
                if slowdown != nil, now < member.notBefore { break }
                var mid: Int32 = 0
                let message = next.message
                let code = message.payload.withUnsafeBytes {
                    mosquitto_publish(
                        member.handle, &mid, message.topic, Int32($0.count), $0.baseAddress, Int32(message.qos),
                        message.retain)
                }
                if code == MOSQ_ERR_NO_CONN.rawValue { break }
                _ = member.backlog.popFirst()
                guard code == MOSQ_ERR_SUCCESS.rawValue else {
                    // A message libmosquitto refuses (a topic, a size) can never go: say so, do not retry.
                    unacknowledged.subtract(1, ordering: .relaxed)
                    fail(MQTTError(code: code, operation: "publishing to \(message.topic)"))
                    continue
                }
                member.inFlight[mid] = (message.qos, next.whenDone)
                if let slowdown {
                    member.notBefore = now + slowdown
                    break
                }
            }
        }
    }

    private func fail(_ error: MQTTError) {
        shared.withLock { shared in
            if shared.failure == nil { shared.failure = error }
        }
    }

    // MARK: - Callbacks, on the loop thread

    func didConnect(_ member: ClientGroupMember, code: Int32) {
        guard code == 0 else {
            let reason = String(cString: mosquitto_connack_string(code))
            fail(
                MQTTError(
                    code: .connectionRefused,
                    operation: "connecting \(member.options.clientID) to \(member.options.host):\(member.options.port)",
                    message: "the broker refused it: \(reason)"))
            return
        }
        member.reconnectDelay = member.options.reconnectDelay.lowerBound
        if !member.connected {
            member.connected = true
            shared.withLock { $0.connected += 1 }
        }
    }

    func didDisconnect(_ member: ClientGroupMember, code: Int32) {
        if member.connected {
            member.connected = false
            shared.withLock { $0.connected -= 1 }
        }
        // libmosquitto drops QoS 0 messages it had not written; QoS 1 and 2 go again after the reconnection.
        for (mid, entry) in member.inFlight where entry.qos == 0 {
            member.inFlight[mid] = nil
            entry.whenDone?()
            unacknowledged.subtract(1, ordering: .relaxed)
        }
        if !disconnecting { member.scheduleReconnect(now: .now) }
    }

    func didComplete(_ member: ClientGroupMember, mid: Int32) {
        guard let entry = member.inFlight.removeValue(forKey: mid) else { return }
        entry.whenDone?()
        unacknowledged.subtract(1, ordering: .relaxed)
    }
}
