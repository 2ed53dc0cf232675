public import Airspace
import Audit
public import Compliance
import Foundation
import Geo
public import Logging
import MQTT
import Pipeline
public import ServiceLifecycle
import StrictJSON

/// The live gateway: reads the drones' broker, runs every telemetry and payload message through the
/// ``ComplianceEngine``, publishes what it decides on the consumers' broker, and keeps the record.
///
/// One actor owns the engine, so per-drone state has a single owner and messages are judged in arrival order.
/// On a graceful shutdown (SIGTERM or SIGINT, through the service group) it stops taking messages, finishes the
/// one in hand, publishes the retained `offline` status, closes the record and disconnects both brokers cleanly.
/// If the record fails, the gateway stops forwarding (fail closed) and exits with the error.
public actor ComplianceGateway: Service {
    public let config: GatewayConfig
    /// Reads every format into observations and owns the engine that decides them.
    var pipeline: MessagePipeline
    /// Writes each decision's egress message and events on the configured topics.
    let publisher: DecisionPublisher
    let logger: Logger
    public nonisolated let metrics: GatewayMetrics
    /// Messages whose publications could not all be delivered to egress.
    public private(set) var egressFailures = 0
    var recorder: GatewayRecorder?
    /// Why the gateway stopped taking messages before a shutdown was asked for.
    private var failure: (any Error)?
    /// Whether the record failed and the gateway stops.
    var hasFailed: Bool { failure != nil }

    /// Stops the gateway with `error` (thrown by ``run()`` once it has shut down in order).
    func fail(_ error: any Error) { failure = failure ?? error }
    /// Between the first `online` and the shutdown: reconnections republish it, lost connections are recorded.
    private var isOnline = false
    /// What the gateway holds between the drones' broker and safety (``CustodySettings``).
    let custody: CustodyWindow
    /// Per drone, how far everything taken in is safe: noted in the record as the gateway goes.
    private var confirmedSeqs = ConfirmedSeqs()
    /// After a crash: what the previous run had made safe, to find what it lost.
    private var crashGaps = CrashGaps(confirmed: [:])
    /// In a cluster: the last `seq`s partitions' previous owners handed over, to find what a takeover lost.
    var takeoverGaps = CrashGaps(confirmed: [:])
    /// The consumers' broker while the gateway runs, for what it announces outside a message (a reload).
    var egress: MQTTClient?
    /// A bundle reload is being read: another waits for it rather than reading the same files twice at once.
    var reloading: Task<BundleReloadOutcome, Never>?
    /// In a cluster: the partitions whose messages this instance judges now (with failover, they change).
    var ownedPartitions: Set<Int>
    /// With failover: the ownership protocol, and the ingress session of each partition owned now.
    var coordinator: ClusterCoordinator?
    var partitionSessions: [Int: PartitionSession] = [:]
    /// With failover: the hand-over last published for each owned partition, so that only changes go out.
    var publishedHandovers: [Int: PartitionHandover] = [:]
    /// Where the live console reads decisions from (``DecisionTap``); `nil` without a console.
    public nonisolated let tap: DecisionTap?

    /// - Parameter tap: where a copy of each decision goes for the live console; `nil` without one.
    public init(
        config: GatewayConfig, airspace: AirspaceIndex, logger: Logger, metrics: GatewayMetrics = GatewayMetrics(),
        tap: DecisionTap? = nil
    ) {
        self.tap = tap
        self.config = config
        pipeline = MessagePipeline(
            engine: ComplianceEngine(airspace: airspace, policy: config.policy), adapters: config.adapters)
        publisher = DecisionPublisher(topics: config.policy.topics)
        self.logger = logger
        self.metrics = metrics
        custody = CustodyWindow(messages: config.custody.messages, bytes: config.custody.bytes)
        // With failover the coordinator hands the partitions over as the members are known.
        ownedPartitions = config.cluster?.failover == nil ? Set(config.cluster?.owned ?? []) : []
    }

    /// Counters by verdict and reason since the start.
    public var counts: DecisionCounts { pipeline.counts }

    public func run() async throws {
        if let audit = config.audit {
            let recorder = try GatewayRecorder.open(audit, config: config, now: config.clock(Date()), logger: logger)
            // Latched suspensions survive a restart: they are read back from the record before anything flows.
            for (key, suspension) in try recorder.suspensions() { pipeline.restore(key, suspension) }
            try await recorder.recordConfiguration(config, now: config.clock(Date()))
            crashGaps = CrashGaps(confirmed: recorder.log.confirmedBeforeCrash ?? [:])
            self.recorder = recorder
        }
        let offline = MQTTMessage(topic: statusTopic, payload: Array("offline".utf8), qos: 1, retain: true)
        var egressOptions = ComplianceGateway.options(config.egress, cleanSession: true)
        // If the gateway dies, consumers learn it from the broker: nothing flows while it is down.
        egressOptions.will = offline
        let egress = try MQTTClient(options: egressOptions)
        let sessions = config.cluster?.failover == nil ? try ingressSessions() : []
        let watchers =
            sessions.map { watch($0.client, isIngress: true) } + [
                watch(egress, isIngress: false), summarise(), noteProgressRegularly(), handOverRegularly(),
            ]
        defer { for watcher in watchers { watcher.cancel() } }
        try await egress.connect()
        self.egress = egress
        defer { self.egress = nil }
        let checkpoints = publishCheckpoints(to: egress)
        defer { checkpoints.cancel() }
        // Judging starts before the ingress connects: the session's backlog comes right after CONNACK, and while
        // the custody window is full the network thread waits, for the SUBACKs too, until messages are judged.
        if let cluster = config.cluster, let failover = cluster.failover {
            coordinator = try ClusterCoordinator(
                settings: cluster, failover: failover,
                broker: ComplianceGateway.options(config.ingress, cleanSession: true),
                logger: logger)
        }
        async let unjudged: [MQTTMessage] = cancelWhenGracefulShutdown {
            if let coordinator = await self.coordinator {
                await self.follow(coordinator, egress: egress)
                return []
            }
            return await self.bridge(from: sessions.map(\.client), to: egress)
        }
        try await coordinator?.start()
        for session in sessions {
            try await session.client.connect()
            for topic in session.subscriptions { try await session.client.subscribe(topic, qos: 1) }
        }
        // Operators' release orders arrive on the consumers' side, where the operations centre is.
        try await egress.subscribe(config.policy.topics.control, qos: 1)
        let control = Task { await self.takeOrders(from: egress) }
        defer { control.cancel() }
        // Online once telemetry is actually being taken, and again after every reconnection of the egress
        // (the broker published the will, `offline`, when the connection was lost).
        // A namesake that yielded while joining says nothing on the status topic: it is the other instance's.
        if await coordinator?.hasYielded != true {
            try await egress.publish(online)
            isOnline = true
        }
        logger.info(
            "flowgate online",
            metadata: [
                "ingress": "\(config.ingress.host):\(config.ingress.port)",
                "egress": "\(config.egress.host):\(config.egress.port)",
                "telemetry": "\(config.policy.topics.telemetry)",
                "payload": "\(config.policy.topics.payload)",
                "instance": "\(config.cluster?.instance ?? "-")",
                "partitions": "\(config.cluster.map { "\($0.owned) of \($0.partitioning.count)" } ?? "all")",
                "failover": "\(config.cluster?.failover != nil)",
            ])
        let interrupted = await unjudged
        await leaveCluster(egress: egress)
        isOnline = false
        // What was taken in was acknowledged to the drones' broker: it is decided before the gateway stops.
        for session in sessions { session.client.disconnect() }
        await finish(interrupted + sessions.flatMap { $0.client.takeWaiting() }, egress: egress)
        // Flush: what was decided before the shutdown still reaches the consumers.
        if !(await egress.flush(timeout: 5)) {
            logger.warning(
                "egress not fully acknowledged at shutdown", metadata: ["unacknowledged": "\(egress.unacknowledged)"])
        }
        // The record is closed while egress is still up, so that its sealing checkpoint is published too.
        var closing: (any Error)?
        if var recorder {
            self.recorder = nil
            noteProgress(in: recorder)
            do {
                try await recorder.close(now: config.clock(Date()), unsafe: custody.usage)
            } catch {
                closing = error
            }
        }
        await checkpoints.value
        _ = await egress.flush(timeout: 2)
        // A namesake that stopped leaves the status alone: the status topic is the other instance's, still online.
        if !(failure is InstanceNameTaken) { try? await egress.publish(offline) }
        egress.disconnect()
        if let closing { throw closing }
        if let failure { throw failure }
        logger.info(
            "flowgate offline", metadata: ["counters": "\(pipeline.counts)"])
    }

    /// The ingress sessions: one for the whole fleet, or in a cluster one per owned partition, each with its own
    /// client id so that the broker keeps each partition's backlog in that partition's session. Every session
    /// survives the gateway: QoS 1 telemetry published meanwhile waits at the broker.
    private func ingressSessions() throws -> [(client: MQTTClient, subscriptions: [String])] {
        let topics = config.policy.topics
        guard let cluster = config.cluster else {
            var options = ComplianceGateway.options(config.ingress, cleanSession: false)
            options.custody = custody
            let subscriptions = [topics.telemetry.subscription, topics.payload.subscription] + pipeline.subscriptions
            return [(try MQTTClient(options: options), subscriptions)]
        }
        return try cluster.owned.map { partition in
            var options = ComplianceGateway.options(config.ingress, cleanSession: false)
            options.clientID = cluster.clientID(ingress: config.ingress.clientID, partition: partition)
            options.custody = custody
            return (try MQTTClient(options: options), cluster.subscriptions(topics, partition: partition))
        }
    }

    /// Judges every session's messages until their streams end; returns what was taken and not yet judged.
    private func bridge(from sessions: [MQTTClient], to egress: MQTTClient) async -> [MQTTMessage] {
        await withTaskGroup(of: [MQTTMessage].self) { group in
            for session in sessions { group.addTask { await self.bridge(from: session, to: egress) } }
            var taken: [MQTTMessage] = []
            for await messages in group { taken += messages }
            return taken
        }
    }

    /// Judges messages until the ingress stream ends (the task is cancelled on shutdown). Messages come in
    /// batches, each judged within one turn of the actor: one wake-up per batch, not per message. Returns the
    /// messages taken and not yet judged when a shutdown came.
    func bridge(from ingress: MQTTClient, to egress: MQTTClient) async -> [MQTTMessage] {
        while let batch = await ingress.nextBatch(limit: ComplianceGateway.batchLimit) {
            for (index, message) in batch.enumerated() {
                // A shutdown stops the intake between messages; the one in hand is finished.
                if Task.isCancelled { return Array(batch[index...]) }
                guard await judge(message, egress: egress) else { return [] }
            }
        }
        return []
    }

    /// At shutdown: judges what was taken in and not yet judged (the record failing stops it).
    func finish(_ messages: [MQTTMessage], egress: MQTTClient) async {
        for message in messages {
            guard await judge(message, egress: egress) else { return }
        }
    }

    /// The most messages judged in one turn: other work on the actor (release orders, counters) waits at most
    /// this many messages.
    static let batchLimit = 256

    /// Publications awaiting the consumers' broker: those of the messages in custody (a message has a few), and
    /// the gateway's own (release events, checkpoints).
    private var egressWindow: Int { config.custody.messages * 4 + 64 }

    /// One message from receipt to publication; false when the record failed (see ``write(_:now:)``). The
    /// message stays in custody until its records are committed and its publications acknowledged. A message
    /// may hold several observations (a Remote ID flights response): each is decided, recorded and published.
    /// - Parameter decided: given the message's decisions (the console's release reads its outcome).
    func judge(_ message: MQTTMessage, egress: MQTTClient, decided: ([Decision]) -> Void = { _ in }) async -> Bool {
        let clock = ContinuousClock()
        let received = clock.now
        let ticket = CustodyTicket(bytes: message.custodySize, window: custody)
        defer { ticket.letGo() }
        config.onJudging?()
        let now = config.clock(message.receivedAt ?? Date())
        let topic =
            config.cluster?.publishedTopic(message.topic, topics: config.policy.topics, owned: ownedPartitions)
            ?? message.topic
        let decisions = pipeline.decide(
            IncomingMessage(topic: topic, payload: message.payload, retained: message.retain), at: now)
        decided(decisions)
        tap?.offer(decisions, at: now)
        var publications: [Publication] = []
        var entries: [AuditEntry] = []
        for decision in decisions {
            publications += publisher.publications(for: decision)
            if let decided = recorder?.entries(for: decision, topic: topic, payload: message.payload, now: now) {
                entries += decided
                if let gap = crashGap(decision, now: now), let drone = decision.drone {
                    entries.append(.event(time: now, drone: drone, mission: decision.mission, event: gap))
                    publications.append(
                        Publication(
                            topic: config.policy.topics.events.topic(for: drone),
                            payload: JSONWriter.bytes(.object(gap)), qos: 1))
                }
            }
            if decision.release != nil || decision.events.contains(where: { $0.kind == .releaseRefused }) {
                logOrder(decision)
            }
        }
        // Recorded before it is published: what went out is always in the record.
        if recorder != nil {
            guard await write(entries, now: now) else { return false }
            if !entries.isEmpty, let log = recorder?.log {
                ticket.hold()
                log.whenCommitted(ticket.letGo)
            }
        }
        await publish(publications, to: egress, arrivalQoS: message.qos, ticket: ticket)
        let elapsed = clock.now - received
        for decision in decisions {
            if decision.rejection == nil, let drone = decision.drone, let seq = decision.fix?.seq {
                confirmedSeqs.track(drone: drone, seq: seq, ticket: ticket)
            }
            metrics.record(decision, processing: elapsed)
        }
        // A latch or a release goes to the cluster at once: the next owner must not lose it.
        if coordinator != nil,
            decisions.contains(where: { $0.events.contains { [.streamSuspended, .streamReleased].contains($0.kind) } })
        {
            await publishHandovers()
        }
        return true
    }

    /// After a crash, for a drone's first telemetry in this run: a `seq_gap` event when `seq` values between
    /// the last the previous run made safe and this one are missing (taken in and lost by the crash, or never
    /// sent).
    private func crashGap(_ decision: Decision, now: Date) -> JSONObject? {
        guard !crashGaps.isEmpty || !takeoverGaps.isEmpty, decision.rejection == nil, let drone = decision.drone,
            let seq = decision.fix?.seq
        else { return nil }
        let reason: String
        if let gap = crashGaps.check(drone: drone, seq: seq) {
            reason = "not seen since the crash before this run: lost in the gateway's custody, or never sent"
            return seqGap(gap, reason: reason, now: now)
        }
        guard let gap = takeoverGaps.check(drone: drone, seq: seq) else { return nil }
        reason =
            "not seen since this instance took the drone's partition over: lost in the previous owner's custody, "
            + "forwarded by it after its last hand-over, or never sent"
        return seqGap(gap, reason: reason, now: now)
    }

    private func seqGap(_ gap: CrashGaps.Gap, reason: String, now: Date) -> JSONObject {
        let drone = gap.drone
        logger.warning(
            "telemetry missing",
            metadata: [
                "drone": "\(drone)", "after_seq": "\(gap.confirmedSeq)", "missing": "\(gap.missing)",
                "reason": "\(reason)",
            ])
        return [
            "v": .number(1), "event": .string(EventKind.seqGap.rawValue), "drone": .string(drone),
            "confirmed_seq": .number(Double(gap.confirmedSeq)), "next_seq": .number(Double(gap.nextSeq)),
            "missing": .number(Double(gap.missing)), "reason": .string(reason),
            "time": .string(RFC3339.format(now)),
        ]
    }

    /// Notes, in the record, how far each drone's telemetry is safe.
    private func noteProgress(in recorder: GatewayRecorder) {
        let moved = confirmedSeqs.advance()
        do {
            try recorder.log.noteProgress(moved, now: config.clock(Date()))
        } catch {
            logger.warning("progress not noted in the record", metadata: ["error": "\(error)"])
        }
    }

    /// Every half second: the progress note, and the custody gauges.
    private nonisolated func noteProgressRegularly() -> Task<Void, Never> {
        Task {
            while (try? await Task.sleep(for: .milliseconds(500))) != nil {
                await self.noteProgressNow()
            }
        }
    }

    private func noteProgressNow() async {
        metrics.custody(custody.usage)
        if let recorder { noteProgress(in: recorder) }
    }

    /// Queues records (waiting while the record's queue is full); false when the record failed: the gateway
    /// then stops taking messages, and nothing more is forwarded.
    func write(_ entries: [AuditEntry], now: Date) async -> Bool {
        guard let recorder else { return true }
        do {
            // Most messages make no record (plain forwards between two points of a track): nothing to await.
            if !entries.isEmpty { try await recorder.write(entries) }
            if self.recorder?.retentionDue(now: now) == true { _ = try await recorder.log.applyRetention(now: now) }
            return true
        } catch {
            logger.critical("the record failed; no more messages are forwarded", metadata: ["error": "\(error)"])
            failure = error
            return false
        }
    }

    /// Pipelined: libmosquitto keeps QoS 1 messages until acknowledged and re-sends them after a reconnection,
    /// so not waiting for each acknowledgement loses nothing; the window bounds what is outstanding.
    /// - Parameter arrivalQoS: the QoS the message being decided arrived with; forwards take theirs from it as
    ///   ``GatewayConfig/forwardQoS`` says (`nil`: no message, flowgate's own events).
    ///   - ticket: the message in custody, held until each publication is acknowledged.
    func publish(
        _ publications: [Publication], to egress: MQTTClient, arrivalQoS: Int? = nil, ticket: CustodyTicket? = nil
    ) async {
        for publication in publications {
            var qos = publication.qos
            if publication.isForward, let arrivalQoS { qos = config.forwardQoS.qos(arrival: arrivalQoS) }
            ticket?.hold()
            do {
                try await egress.send(
                    MQTTMessage(
                        topic: publication.topic, payload: publication.payload, qos: qos, retain: publication.retain),
                    window: egressWindow, whenDone: ticket?.letGo)
            } catch {
                ticket?.letGo()
                egressFailures += 1
                logger.error("egress publish failed", metadata: ["topic": "\(publication.topic)", "error": "\(error)"])
            }
        }
    }

    /// Publishes each signed checkpoint of the record as it is committed, retained on the checkpoint topic, so
    /// that oversight bodies keep a copy off the gateway's disk (Docs/RECORD.md); ends when the record closes.
    /// A checkpoint that cannot be sent (egress down) is logged; the note file and the next one cover it.
    private nonisolated func publishCheckpoints(to egress: MQTTClient) -> Task<Void, Never> {
        Task { [config, logger] in
            guard let notes = await recorder?.checkpointNotes else { return }
            for await note in notes {
                do {
                    try egress.send(
                        MQTTMessage(
                            topic: config.checkpointTopic, payload: Array(note.signedText.utf8), qos: 1, retain: true))
                } catch {
                    logger.warning(
                        "checkpoint not published", metadata: ["tree_size": "\(note.treeSize)", "error": "\(error)"])
                }
            }
        }
    }

    /// Operators' release orders from the control topic, decided by the same pipeline step as every message (and
    /// as in replay). A refused order changes nothing and is reported.
    private func takeOrders(from egress: MQTTClient) async {
        for await message in egress.messages where message.topic == config.policy.topics.control {
            // In a cluster every instance hears every order; the owner of the drone's partition decides it.
            if let cluster = config.cluster, let drone = ClusterSettings.orderedDrone(message.payload),
                !ownedPartitions.contains(cluster.partitioning.partition(of: drone))
            {
                continue
            }
            guard await judge(message, egress: egress) else { return }
        }
    }

    private func logOrder(_ decision: Decision) {
        if let order = decision.release {
            logger.notice(
                "stream released",
                metadata: ["stream": "\(order.stream)", "by": "\(order.operatorName)", "reason": "\(order.reason)"])
        } else if let rejection = decision.rejection {
            logger.error("release order refused", metadata: ["problem": "\(rejection)"])
        }
    }

    /// Keeps the connection gauges and the log up to date with each client's connection events, records every
    /// lost connection (a takeover of the gateway's client id shows here), and republishes `online` after
    /// the egress reconnects.
    nonisolated func watch(_ client: MQTTClient, isIngress: Bool) -> Task<Void, Never> {
        Task { [metrics, logger] in
            let broker = isIngress ? "ingress" : "egress"
            for await event in client.events {
                switch event {
                case .connected:
                    metrics.connection(ingress: isIngress, up: true)
                    logger.info("connected", metadata: ["broker": "\(broker)"])
                    if !isIngress { await self.republishOnline(client) }
                case .disconnected(let code):
                    metrics.connection(ingress: isIngress, up: false)
                    logger.warning(
                        "connection lost; reconnecting", metadata: ["broker": "\(broker)", "code": "\(code)"])
                    await self.recordDisconnection(broker: broker, code: code)
                case .trying(let address):
                    logger.warning(
                        "broker unreachable; trying another of its addresses",
                        metadata: ["broker": "\(broker)", "address": "\(address)"])
                }
            }
        }
    }

    /// Where this gateway's retained status goes: the status topic, or in a cluster the status topic with the
    /// instance's name (`flowgate/status/gw-a`), so that one instance's death does not say `offline` for the
    /// others, which still forward.
    var statusTopic: String {
        config.cluster.map { "\(config.statusTopic)/\($0.instance)" } ?? config.statusTopic
    }

    /// The retained status while the gateway runs.
    private var online: MQTTMessage {
        MQTTMessage(topic: statusTopic, payload: Array("online".utf8), qos: 1, retain: true)
    }

    private func republishOnline(_ egress: MQTTClient) async {
        guard isOnline else { return }
        do {
            try await egress.publish(online)
        } catch {
            logger.warning("could not republish online after reconnecting", metadata: ["error": "\(error)"])
        }
    }

    /// A lost connection while running, as an audit event: `gateway_disconnected`, with the broker and the
    /// reason code libmosquitto gave (7: the connection was lost or taken over by another client).
    func recordDisconnection(broker: String, code: Int32) async {
        guard isOnline else { return }
        let now = config.clock(Date())
        let event: JSONObject = [
            "v": .number(1), "event": .string(EventKind.gatewayDisconnected.rawValue), "broker": .string(broker),
            "code": .number(Double(code)),
            "time": .string(RFC3339.format(now)),
        ]
        _ = await write([.event(time: now, drone: nil, mission: nil, event: event)], now: now)
    }

    /// Logs the counters every ``GatewayConfig/summaryInterval`` seconds.
    private nonisolated func summarise() -> Task<Void, Never> {
        Task {
            while (try? await Task.sleep(for: .seconds(config.summaryInterval))) != nil {
                let counts = await counts
                logger.info(
                    "summary",
                    metadata: ["counters": "\(counts)"])
            }
        }
    }

    static func options(_ broker: BrokerSettings, cleanSession: Bool) -> MQTTOptions {
        var options = MQTTOptions(host: broker.host, port: broker.port, clientID: broker.clientID)
        options.username = broker.username
        options.password = broker.password
        options.keepAlive = broker.keepAlive
        options.cleanSession = cleanSession
        options.alternates = broker.alternates
        options.switchAfter = broker.switchAfter
        options.tls = broker.tls.map {
            MQTTOptions.TLS(
                caFile: $0.caFile.path, certificateFile: $0.certificateFile?.path, keyFile: $0.keyFile?.path)
        }
        return options
    }
}
