import CMosquitto
import Foundation
import Synchronization

/// An MQTT client over libmosquitto, with async/await.
///
/// libmosquitto runs its own network thread (`mosquitto_loop_start`), reconnects by itself with exponential
/// backoff, and calls back on that thread; the client resubscribes after every reconnection. Incoming
/// messages arrive on ``messages``, connection changes on ``events``.
///
/// `@unchecked Sendable`: the only mutable Swift state is inside `state`, a `Mutex`; the libmosquitto calls
/// made from other threads (publish, subscribe, disconnect) are the thread-safe ones of its threaded
/// interface.
public final class MQTTClient: @unchecked Sendable {
    private let handle: OpaquePointer
    public let options: MQTTOptions
    private let state = Mutex(State())
    /// Received messages, one at a time (``nextBatch(limit:)`` takes many at once). With
    /// ``MQTTOptions/maximumBufferedMessages`` set, the network thread stops reading while that many wait
    /// (back-pressure onto the broker instead of unbounded memory).
    public let messages: MQTTMessages
    public let events: AsyncStream<MQTTConnectionEvent>
    private let received: MessageQueue
    private let eventSink: AsyncStream<MQTTConnectionEvent>.Continuation

    struct State {
        var connected = false
        var started = false
        var connectWaiters: [UUID: CheckedContinuation<Void, any Error>] = [:]
        /// Publications and subscriptions waiting for the broker, by message id; ids the broker answered
        /// before their waiter was registered.
        var pending: [Int32: CheckedContinuation<Void, any Error>] = [:]
        var answered: Set<Int32> = []
        /// Messages sent without waiting, whose acknowledgements nobody awaits, with what to run when they are
        /// acknowledged (QoS 1 and 2) or written (QoS 0).
        var unawaited: [Int32: Outstanding] = [:]
        /// QoS 0 messages sent and never written, because the connection was lost first (libmosquitto drops them).
        var droppedUnwritten = 0
        /// Senders waiting for the number of unacknowledged sent messages to fall below their window.
        var windowWaiters: [(limit: Int, continuation: CheckedContinuation<Void, Never>)] = []
        /// Senders waiting for a reconnection.
        var connectionWaiters: [CheckedContinuation<Bool, Never>] = []
        var subscriptions: [String: Int32] = [:]
        /// Since when the client has had no connection (`nil` while connected).
        var unconnectedSince: ContinuousClock.Instant?
        /// Which of ``addresses`` the client uses now.
        var addressIndex = 0
        /// Set by ``disconnect()`` and ``abandon()``: no more moves to another address.
        var stopped = false
        var switcher: Task<Void, Never>?
    }

    /// The broker's address and its alternates, in the order they are tried.
    private var addresses: [BrokerAddress] {
        [BrokerAddress(host: options.host, port: options.port)] + options.alternates
    }

    /// Serialises stopping and restarting the network thread: a move to another address and a disconnect.
    private let lifecycle = NSLock()

    /// A sent message awaiting the broker.
    struct Outstanding {
        var qos: Int
        var whenDone: (@Sendable () -> Void)?
    }

    public init(options: MQTTOptions) throws(MQTTError) {
        MQTTLibrary.initialise()
        guard let handle = mosquitto_new(options.clientID, options.cleanSession, nil) else {
            throw MQTTError(
                code: nil, operation: "mosquitto_new",
                message: "could not create a client (client id '\(options.clientID)'; a persistent session needs one)")
        }
        self.handle = handle
        self.options = options
        received = MessageQueue(capacity: options.maximumBufferedMessages)
        messages = MQTTMessages(queue: received)
        (events, eventSink) = AsyncStream.makeStream(of: MQTTConnectionEvent.self)
        do {
            try configure()
        } catch {
            mosquitto_destroy(handle)
            throw error
        }
        mosquitto_user_data_set(handle, Unmanaged.passUnretained(self).toOpaque())
        installCallbacks()
    }

    deinit {
        received.release()
        mosquitto_loop_stop(handle, true)
        mosquitto_destroy(handle)
        received.finish()
        eventSink.finish()
    }

    private func configure() throws(MQTTError) {
        try options.configureConnection(of: handle)
        if let tls = options.tls {
            try MQTTError.check(
                mosquitto_tls_set(handle, tls.caFile, nil, tls.certificateFile, tls.keyFile, nil), "setting up TLS")
        }
        try MQTTError.check(
            mosquitto_reconnect_delay_set(
                handle, UInt32(options.reconnectDelay.lowerBound), UInt32(options.reconnectDelay.upperBound), true),
            "setting the reconnection delay")
    }

    private func installCallbacks() {
        mosquitto_connect_callback_set(handle) { _, userdata, code in
            MQTTClient.from(userdata).didConnect(code: code)
        }
        mosquitto_disconnect_callback_set(handle) { _, userdata, code in
            MQTTClient.from(userdata).didDisconnect(code: code)
        }
        mosquitto_publish_callback_set(handle) { _, userdata, mid in
            MQTTClient.from(userdata).didComplete(mid: mid)
        }
        mosquitto_subscribe_callback_set(handle) { _, userdata, mid, _, _ in
            MQTTClient.from(userdata).didComplete(mid: mid)
        }
        mosquitto_message_callback_set(handle) { _, userdata, message in
            guard let message else { return }
            MQTTClient.from(userdata).didReceive(message.pointee)
        }
    }

    private static func from(_ userdata: UnsafeMutableRawPointer?) -> MQTTClient {
        Unmanaged<MQTTClient>.fromOpaque(userdata!).takeUnretainedValue()
    }

    // MARK: - Operations

    /// Connects and waits for the broker's acknowledgement (at most ``MQTTOptions/connectTimeout``). After
    /// that, libmosquitto keeps the connection up by itself.
    public func connect() async throws {
        let id = UUID()
        let timer = Task { [options] in
            guard (try? await Task.sleep(for: .seconds(options.connectTimeout))) != nil else { return }
            self.timeOut(id)
        }
        defer { timer.cancel() }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let (alreadyConnected, start) = state.withLock { state -> (Bool, Bool) in
                if state.connected { return (true, false) }
                state.connectWaiters[id] = continuation
                if !state.started { state.stopped = false }
                defer { state.started = true }
                return (false, !state.started)
            }
            if alreadyConnected { return continuation.resume() }
            guard start else { return }
            var code = mosquitto_connect_async(handle, options.host, Int32(options.port), Int32(options.keepAlive))
            // A broker that is down now may be up later: the network thread keeps trying either way.
            if code == Int32(MOSQ_ERR_SUCCESS.rawValue) || code == Int32(MOSQ_ERR_ERRNO.rawValue) {
                code = mosquitto_loop_start(handle)
            }
            if code != Int32(MOSQ_ERR_SUCCESS.rawValue) {
                resumeConnectWaiters(
                    with: MQTTError(code: code, operation: "connecting to \(options.host):\(options.port)"))
            } else {
                startSwitching()
            }
        }
    }

    /// With alternates, watches the connection: unconnected for ``MQTTOptions/switchAfter`` seconds, the client
    /// moves to the next address (libmosquitto itself only ever reconnects to the one it was given).
    private func startSwitching() {
        guard !options.alternates.isEmpty else { return }
        let task = Task { [weak self] in
            while (try? await Task.sleep(for: .milliseconds(250))) != nil {
                guard let self else { return }
                self.switchIfUnreachable()
            }
        }
        state.withLock { state in
            state.unconnectedSince = state.connected ? nil : (state.unconnectedSince ?? .now)
            state.switcher?.cancel()
            state.switcher = task
        }
    }

    /// Moves to the next address when the current one has been unreachable long enough: the network thread is
    /// stopped (nothing is connected, so nothing is lost: QoS 1 messages in flight stay queued in the client and
    /// are sent again after the next CONNACK), and started again towards the next address.
    private func switchIfUnreachable() {
        lifecycle.withLock {
            let next = state.withLock { state -> BrokerAddress? in
                guard !state.stopped, !state.connected, let since = state.unconnectedSince,
                    ContinuousClock.now - since >= .milliseconds(Int(options.switchAfter * 1_000))
                else { return nil }
                state.addressIndex = (state.addressIndex + 1) % (options.alternates.count + 1)
                state.unconnectedSince = .now
                return addresses[state.addressIndex]
            }
            guard let next else { return }
            mosquitto_disconnect(handle)
            mosquitto_loop_stop(handle, false)
            let code = mosquitto_connect_async(handle, next.host, Int32(next.port), Int32(options.keepAlive))
            // Unreachable now is fine: the network thread keeps trying this address until the next switch.
            if code == Int32(MOSQ_ERR_SUCCESS.rawValue) || code == Int32(MOSQ_ERR_ERRNO.rawValue) {
                mosquitto_loop_start(handle)
            }
            eventSink.yield(.trying(next))
        }
    }

    /// Subscribes, and again after every reconnection.
    public func subscribe(_ filter: String, qos: Int) async throws {
        state.withLock { $0.subscriptions[filter] = Int32(qos) }
        var mid: Int32 = 0
        try MQTTError.check(mosquitto_subscribe(handle, &mid, filter, Int32(qos)), "subscribing to \(filter)")
        try await waitForBroker(mid)
    }

    /// Publishes, and for QoS 1 and 2 waits until the broker has acknowledged it.
    public func publish(_ message: MQTTMessage) async throws {
        var mid: Int32 = 0
        let code = message.payload.withUnsafeBytes {
            mosquitto_publish(
                handle, &mid, message.topic, Int32($0.count), $0.baseAddress, Int32(message.qos), message.retain)
        }
        try MQTTError.check(code, "publishing to \(message.topic)")
        try await waitForBroker(mid)
    }

    /// Queues a message and returns without waiting for the broker: for load generators and pipelines that
    /// keep many messages in flight. libmosquitto still delivers QoS 1 and 2 messages with their handshakes.
    /// - Parameter whenDone: runs once the broker has acknowledged the message (QoS 1 and 2) or it was written
    ///   to the socket (QoS 0), on libmosquitto's network thread; also for a QoS 0 message libmosquitto dropped
    ///   unwritten because the connection was lost (``droppedUnwritten``). Keep it short.
    public func send(_ message: MQTTMessage, whenDone: (@Sendable () -> Void)? = nil) throws(MQTTError) {
        var mid: Int32 = 0
        let code = message.payload.withUnsafeBytes {
            mosquitto_publish(
                handle, &mid, message.topic, Int32($0.count), $0.baseAddress, Int32(message.qos), message.retain)
        }
        try MQTTError.check(code, "publishing to \(message.topic)")
        let early = state.withLock { state in
            if state.answered.remove(mid) != nil { return true }
            state.unawaited[mid] = Outstanding(qos: message.qos, whenDone: whenDone)
            return false
        }
        if early { whenDone?() }
    }

    /// Sends like ``send(_:)``, after waiting until fewer than `window` earlier sent messages await
    /// their acknowledgement (QoS 1 and 2) or their write (QoS 0): a pipeline that keeps many messages in flight
    /// without an unbounded queue. A sender that found the window full waits until an eighth of it has drained
    /// (for windows of 8 or more). While the broker is away, nothing is acknowledged and the sender waits here.
    /// While the broker is unreachable it waits for the reconnection instead of failing, so a pipeline loses
    /// nothing across a broker restart; it throws only when the client is stopped.
    ///
    /// `nonisolated(nonsending)`: it runs on the caller's executor (the gateway's actor) instead of hopping to
    /// the global one and back for every message; it suspends only while the window is full.
    public nonisolated(nonsending) func send(
        _ message: MQTTMessage, window: Int, whenDone: (@Sendable () -> Void)? = nil
    ) async throws(MQTTError) {
        await waitForWindow(below: window)
        while true {
            do {
                return try send(message, whenDone: whenDone)
            } catch  where error.code == .noConnection {
                guard await waitForConnection() else { throw error }
            }
        }
    }

    /// Waits until the client is connected; false when it was stopped instead.
    private nonisolated(nonsending) func waitForConnection() async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let answer = state.withLock { state -> Bool? in
                if state.connected { return true }
                if !state.started { return false }
                state.connectionWaiters.append(continuation)
                return nil
            }
            if let answer { continuation.resume(returning: answer) }
        }
    }

    private func resumeConnectionWaiters(connected: Bool) {
        let waiters = state.withLock { state in
            defer { state.connectionWaiters.removeAll() }
            return state.connectionWaiters
        }
        for waiter in waiters { waiter.resume(returning: connected) }
    }

    /// Messages sent with ``send(_:)`` that are not yet acknowledged (QoS 1 and 2) or written (QoS 0).
    public var unacknowledged: Int { state.withLock { $0.unawaited.count } }

    /// QoS 0 messages sent with ``send(_:whenDone:)`` that libmosquitto dropped unwritten when the connection was
    /// lost.
    public var droppedUnwritten: Int { state.withLock { $0.droppedUnwritten } }

    /// Waits until every sent message is acknowledged, or `timeout` seconds; true when all were.
    public func flush(timeout: Double) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(timeout)
        while unacknowledged > 0 {
            guard clock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return true
    }

    private nonisolated(nonsending) func waitForWindow(below window: Int) async {
        // The common case, without a continuation: there is room.
        if state.withLock({ $0.unawaited.count < window || !$0.started }) { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = state.withLock { state -> Bool in
                guard state.unawaited.count >= window, state.started else { return true }
                state.windowWaiters.append((window, continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }

    /// Disconnects cleanly (the broker does not publish the will) and stops the network thread.
    public func disconnect() {
        lifecycle.lock()
        defer { lifecycle.unlock() }
        state.withLock { state in
            state.stopped = true
            state.switcher?.cancel()
        }
        received.release()
        options.custody?.open()
        mosquitto_disconnect(handle)
        mosquitto_loop_stop(handle, false)
        let waiters = state.withLock { state in
            defer {
                state.pending.removeAll()
                state.connectWaiters.removeAll()
                state.started = false
            }
            return Array(state.pending.values) + Array(state.connectWaiters.values)
        }
        releaseWindowWaiters(all: true)
        resumeConnectionWaiters(connected: false)
        for waiter in waiters {
            waiter.resume(throwing: MQTTError(code: nil, operation: "waiting", message: "disconnected"))
        }
    }

    /// Drops the connection the way a crash would: the network thread stops and the socket closes without a
    /// DISCONNECT packet, so the broker publishes the will. For exercises and tests of what consumers see.
    public func abandon() {
        lifecycle.lock()
        defer { lifecycle.unlock() }
        state.withLock { state in
            state.stopped = true
            state.switcher?.cancel()
        }
        // The socket goes first: a network thread let go below may not read, or acknowledge, anything more.
        let socket = mosquitto_socket(handle)
        // A network thread that sees the socket fail must not reconnect before it is stopped below: a crashed
        // process does not come back, and a reconnection would take the session back from its successor.
        mosquitto_reconnect_delay_set(handle, 3_600, 3_600, false)
        if socket >= 0 { shutdown(socket, Int32(SHUT_RDWR)) }
        received.release()
        options.custody?.open()
        mosquitto_loop_stop(handle, true)
        state.withLock { state in
            state.connected = false
            state.started = false
        }
        releaseWindowWaiters(all: true)
        resumeConnectionWaiters(connected: false)
    }

    /// Received messages waiting for the consumer.
    public var bufferedMessages: Int { received.waitingCount }

    /// Takes every received message waiting now, without waiting for more: after ``disconnect()``, what was
    /// received (and acknowledged to the broker) but not yet taken.
    public func takeWaiting() -> [MQTTMessage] {
        received.takeNow()
    }

    /// Takes up to `limit` received messages at once, oldest first, waiting for the first; `nil` once the client
    /// is gone, or when the task is cancelled while none waits. For a consumer that handles many messages per
    /// wake-up: one lock and at most one resumption per batch, where ``messages`` has one per message (a network
    /// thread held at the bound also wakes once per batch). Runs on the caller's executor.
    public nonisolated(nonsending) func nextBatch(limit: Int) async -> [MQTTMessage]? {
        await received.take(limit: limit)
    }

    public var isConnected: Bool { state.withLock { $0.connected } }

    private func waitForBroker(_ mid: Int32) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let early = state.withLock { state -> Bool in
                if state.answered.remove(mid) != nil { return true }
                state.pending[mid] = continuation
                return false
            }
            if early { continuation.resume() }
        }
    }

    // MARK: - Callbacks, on libmosquitto's network thread

    private func didConnect(code: Int32) {
        if code != 0 {
            let reason = String(cString: mosquitto_connack_string(code))
            resumeConnectWaiters(
                with: MQTTError(code: nil, operation: "connecting", message: "refused by the broker: \(reason)"))
            return
        }
        let subscriptions = state.withLock { state in
            state.connected = true
            state.unconnectedSince = nil
            return state.subscriptions
        }
        for (filter, qos) in subscriptions { mosquitto_subscribe(handle, nil, filter, qos) }
        resumeConnectionWaiters(connected: true)
        eventSink.yield(.connected)
        resumeConnectWaiters(with: nil)
    }

    /// libmosquitto keeps QoS 1 and 2 messages across a reconnection and sends them again, but drops the QoS 0
    /// ones not yet written: they are done (lost), so that nothing waits for them.
    private func didDisconnect(code: Int32) {
        let dropped = state.withLock { state in
            state.connected = false
            if state.unconnectedSince == nil { state.unconnectedSince = .now }
            let unwritten = state.unawaited.filter { $0.value.qos == 0 }
            for mid in unwritten.keys { state.unawaited[mid] = nil }
            state.droppedUnwritten += unwritten.count
            return unwritten.values.compactMap(\.whenDone)
        }
        for whenDone in dropped { whenDone() }
        if !dropped.isEmpty { releaseWindowWaiters(all: false) }
        eventSink.yield(.disconnected(code: code))
    }

    private func didComplete(mid: Int32) {
        let (waiter, whenDone) = state.withLock {
            state -> (CheckedContinuation<Void, any Error>?, (@Sendable () -> Void)?) in
            if let waiter = state.pending.removeValue(forKey: mid) { return (waiter, nil) }
            if let outstanding = state.unawaited.removeValue(forKey: mid) { return (nil, outstanding.whenDone) }
            state.answered.insert(mid)
            return (nil, nil)
        }
        waiter?.resume()
        whenDone?()
        releaseWindowWaiters(all: false)
    }

    /// Resumes the senders whose window has room again (all of them when the client stops). A full window
    /// resumes its sender once an eighth of it has drained, not at every acknowledgement: a sender that keeps the
    /// window full would otherwise be suspended and woken again for every message it sends.
    private func releaseWindowWaiters(all: Bool) {
        let ready = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard !state.windowWaiters.isEmpty else { return [] }
            let inFlight = state.unawaited.count
            let (go, stay) = state.windowWaiters.reduce(
                into: (
                    [CheckedContinuation<Void, Never>](),
                    [(limit: Int, continuation: CheckedContinuation<Void, Never>)]()
                )
            ) { result, waiter in
                if all || inFlight < waiter.limit - waiter.limit / 8 {
                    result.0.append(waiter.continuation)
                } else {
                    result.1.append(waiter)
                }
            }
            state.windowWaiters = stay
            return go
        }
        for continuation in ready { continuation.resume() }
    }

    private func didReceive(_ message: mosquitto_message) {
        let payload =
            message.payloadlen > 0
            ? Array(UnsafeRawBufferPointer(start: message.payload, count: Int(message.payloadlen))) : []
        var incoming = MQTTMessage(
            topic: String(cString: message.topic), payload: payload, qos: Int(message.qos), retain: message.retain)
        incoming.receivedAt = Date()
        // The window bounds what the broker has let go of and the consumer has not yet made safe: the message
        // is counted in, and while the window is full the thread waits here instead of reading (and with it
        // acknowledging) the next one.
        options.custody?.admit(bytes: incoming.custodySize)
        received.push(incoming)
        options.custody?.waitForRoom()
    }

    private func resumeConnectWaiters(with error: MQTTError?) {
        let waiters = state.withLock { state in
            defer { state.connectWaiters.removeAll() }
            return Array(state.connectWaiters.values)
        }
        for waiter in waiters {
            if let error { waiter.resume(throwing: error) } else { waiter.resume() }
        }
    }

    private func timeOut(_ id: UUID) {
        let waiter = state.withLock { $0.connectWaiters.removeValue(forKey: id) }
        waiter?.resume(
            throwing: MQTTError(
                code: nil, operation: "connecting to \(options.host):\(options.port)",
                message: "no answer within \(options.connectTimeout) s (the client keeps trying in the background)"))
    }
}

/// `mosquitto_lib_init` once per process.
enum MQTTLibrary {
    private static let initialised: Bool = {
        mosquitto_lib_init()
        return true
    }()

    static func initialise() { _ = initialised }
}
