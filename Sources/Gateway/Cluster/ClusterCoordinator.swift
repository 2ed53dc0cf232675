import Foundation
import HexEncoding
public import Logging
public import MQTT

/// One instance's part in the cluster's ownership protocol (Docs/CLUSTER.md), on its own connection to the
/// drones' broker (client id `<ingress client_id>-member-<instance>`):
///
/// - it keeps its ``MemberPresence`` retained on `fgc/members/<instance>`, renewed every heartbeat, with an
///   empty retained will, so the cluster clears it the moment the connection is lost;
/// - it follows every member's presence and every partition's ``PartitionHandover`` (`fgc/state/<p>`), and
///   announces the partitions this instance owns (``PartitionOwnership``) each time they change;
/// - cut off from the cluster for longer than the lease, it owns nothing (the others have taken over by then).
///
/// The broker's one-connection-per-client-id rule is the fence: a partition's ingress session has the same
/// client id on every instance, so while views disagree for a moment the session is held by one connection, and
/// each message is delivered to, and decided by, one instance.
public actor ClusterCoordinator {
    public static let membersTopic = "fgc/members"
    public static let stateTopic = "fgc/state"

    let settings: ClusterSettings
    let failover: ClusterFailover
    let logger: Logger
    private let client: MQTTClient
    private var view: MembershipView
    private var handovers: [Int: PartitionHandover] = [:]
    private var owned: Set<Int> = []
    private var lostSince: ContinuousClock.Instant?
    private var settled = false
    /// This run's identity in the presence (see ``MemberPresence/incarnation``).
    private let incarnation = (0..<8).map { _ in UInt8.random(in: 0...255) }.hexString
    private let started = Date()
    /// A presence under this instance's name from another run, seen retained when joining: waited on to learn
    /// whether it is renewed (a live namesake) or a dead run's.
    private var retainedNamesake: MemberPresence?
    /// Another live run uses this instance's name and started first: this one owns nothing and stops.
    private var yielded = false
    private var warnedOfNamesake = false
    /// The newest issue time seen from each instance for each partition (`"<partition>/<instance>"`): a hand-over
    /// older than that is a replay of an earlier state, whichever instance published last.
    private var newestIssued: [String: Double] = [:]
    /// Per partition, when a refusal was last reported and how many were not reported since: a flood of forged
    /// hand-overs is counted, not written out one by one.
    private var refusals: [Int: (reportedAt: ContinuousClock.Instant, suppressed: Int)] = [:]
    private var tasks: [Task<Void, Never>] = []
    private let changes: AsyncStream<ClusterChange>.Continuation
    /// What changes: the partitions owned, and hand-overs other instances publish for partitions.
    public nonisolated let updates: AsyncStream<ClusterChange>

    private var presence: MemberPresence {
        MemberPresence(
            instance: settings.instance, preferred: settings.owned, incarnation: incarnation, started: started)
    }
    private var presenceTopic: String { "\(Self.membersTopic)/\(settings.instance)" }

    /// - Parameter broker: the drones' broker, as the ingress sessions reach it.
    public init(settings: ClusterSettings, failover: ClusterFailover, broker: MQTTOptions, logger: Logger) throws {
        self.settings = settings
        self.failover = failover
        self.logger = logger
        var options = broker
        // Its own client id per run: two runs under one name (a configuration mistake) must not take each other's
        // connection, so that each sees the other's presence and the later one stops.
        options.clientID = "\(broker.clientID)-member-\(settings.instance)-\(incarnation)"
        options.cleanSession = true
        // libmosquitto takes no keep-alive under 5 s; the lease, not the keep-alive, bounds a silent member.
        options.keepAlive = 5
        options.will = MQTTMessage(
            topic: "\(Self.membersTopic)/\(settings.instance)", payload: [], qos: 1, retain: true)
        options.reconnectDelay = 1...2
        client = try MQTTClient(options: options)
        view = MembershipView(lease: failover.lease)
        (updates, changes) = AsyncStream.makeStream(bufferingPolicy: .unbounded)
    }

    /// Connects, announces this instance, learns the others (their retained presences arrive right after the
    /// subscription; it waits one heartbeat for them, so that a starting instance does not take what a live one
    /// owns), then yields the first ownership.
    public func start() async throws {
        if failover.handoverKey == nil {
            logger.warning(
                """
                cluster.failover.key_file is not set: partition hand-overs are taken unauthenticated, and anyone \
                with the ingress credentials could publish one
                """)
        }
        tasks.append(Task { await self.read() })
        tasks.append(Task { await self.followConnection() })
        try await client.connect()
        try await client.subscribe("\(Self.membersTopic)/+", qos: 1)
        try await client.subscribe("\(Self.stateTopic)/+", qos: 1)
        try announce()
        try await Task.sleep(for: failover.heartbeat)
        // A namesake's presence was there: a live one renews it within a heartbeat or two.
        if retainedNamesake != nil { try await Task.sleep(for: failover.heartbeat * 3) }
        guard !yielded else { return }
        settled = true
        reconsider()
        tasks.append(Task { await self.beat() })
    }

    /// The last hand-over any instance published for `partition`.
    public func handover(for partition: Int) -> PartitionHandover? { handovers[partition] }

    /// Whether another live run with this instance's name started first, so that this one stops.
    public var hasYielded: Bool { yielded }

    /// The partitions this instance owns now.
    public var ownedPartitions: Set<Int> { owned }

    /// Publishes this instance's hand-over of a partition it owns, retained, for whoever owns it next.
    public func publish(_ handover: PartitionHandover) {
        let handover = failover.handoverKey.map { handover.signed(with: $0) } ?? handover
        handovers[handover.partition] = handover
        noteIssued(handover)
        do {
            try client.send(
                MQTTMessage(
                    topic: "\(Self.stateTopic)/\(handover.partition)", payload: handover.encoded(), qos: 1,
                    retain: true))
        } catch {
            logger.warning(
                "partition hand-over not published",
                metadata: ["partition": "\(handover.partition)", "error": "\(error)"])
        }
    }

    /// Leaves the cluster on a graceful shutdown: the presence is cleared at once, so the others take over now
    /// rather than after the lease.
    public func leave() async {
        for task in tasks { task.cancel() }
        // A yielding namesake leaves the presence alone: it is the earlier run's.
        if !yielded { try? await client.publish(MQTTMessage(topic: presenceTopic, payload: [], qos: 1, retain: true)) }
        _ = await client.flush(timeout: 2)
        client.disconnect()
        changes.finish()
    }

    /// Ends ``updates``: the gateway stops following the cluster (its record failed).
    public func endUpdates() {
        changes.finish()
    }

    /// Publishes (or renews) this instance's presence.
    private func announce() throws {
        let payload = Array(try JSONEncoder().encode(presence))
        try client.send(MQTTMessage(topic: presenceTopic, payload: payload, qos: 1, retain: true))
        view.heard(presence, at: .now)
    }

    private func read() async {
        for await message in client.messages {
            take(message)
        }
    }

    private func take(_ message: MQTTMessage) {
        let levels = message.topic.split(separator: "/")
        guard levels.count == 3 else { return }
        if message.topic.hasPrefix(Self.membersTopic + "/") {
            let instance = String(levels[2])
            if message.payload.isEmpty {
                // Our own presence cleared (a will fired for a connection the broker thought lost): renew it.
                if instance == settings.instance { if !yielded { try? announce() } } else { view.left(instance) }
            } else if let heard = try? JSONDecoder().decode(MemberPresence.self, from: Data(message.payload)),
                heard.instance == instance
            {
                if instance == settings.instance {
                    if heard.incarnation != incarnation { meet(namesake: heard, renewed: !message.retain) }
                } else {
                    view.heard(heard, at: .now)
                }
            } else {
                logger.warning("unreadable cluster presence ignored", metadata: ["topic": "\(message.topic)"])
            }
        } else if message.topic.hasPrefix(Self.stateTopic + "/"), let partition = Int(levels[2]),
            !message.payload.isEmpty
        {
            guard let handover = try? PartitionHandover.decoded(message.payload), handover.partition == partition
            else {
                logger.warning("unreadable partition hand-over ignored", metadata: ["topic": "\(message.topic)"])
                refuse(partition: partition, instance: nil, "not a hand-over, or for another partition")
                return
            }
            if let problem = problem(with: handover) {
                // This instance's own earlier hand-over, delivered after a later one: nothing forged, just late.
                let ownEcho = handover.instance == settings.instance && handover.isAuthentic(with: failover.handoverKey)
                if !ownEcho { refuse(partition: partition, instance: handover.instance, problem) }
                return
            }
            handovers[partition] = handover
            noteIssued(handover)
            if handover.instance != settings.instance { changes.yield(.handover(handover)) }
        }
        reconsider()
    }

    /// Why a hand-over read from the cluster must not be applied, or `nil`: with a key, it must carry the key's
    /// code, and must not be older than one already held from the same instance (a replayed earlier state).
    private func problem(with handover: PartitionHandover) -> String? {
        guard let key = failover.handoverKey else { return nil }
        guard handover.isAuthentic(with: key) else {
            return "not authenticated with the cluster's key (cluster.failover.key_file)"
        }
        guard let issued = handover.issued else { return "carries no issue time" }
        if let newest = newestIssued[Self.issueKey(handover)], issued < newest {
            return "older than a hand-over already seen from \(handover.instance) (a replay)"
        }
        return nil
    }

    private static func issueKey(_ handover: PartitionHandover) -> String {
        "\(handover.partition)/\(handover.instance)"
    }

    private func noteIssued(_ handover: PartitionHandover) {
        guard let issued = handover.issued else { return }
        let key = Self.issueKey(handover)
        newestIssued[key] = max(newestIssued[key] ?? issued, issued)
    }

    /// Reports a refused hand-over: at most one a partition every 10 s, with the number refused meanwhile.
    private func refuse(partition: Int, instance: String?, _ problem: String) {
        let now = ContinuousClock.now
        if let last = refusals[partition], now - last.reportedAt < .seconds(10) {
            refusals[partition]?.suppressed += 1
            return
        }
        let suppressed = refusals[partition]?.suppressed ?? 0
        refusals[partition] = (now, 0)
        logger.error(
            "partition hand-over refused",
            metadata: [
                "partition": "\(partition)", "from": "\(instance ?? "-")", "problem": "\(problem)",
                "suppressed_since_last": "\(suppressed)",
            ])
        changes.yield(
            .handoverRefused(
                HandoverRefusal(
                    partition: partition, instance: instance, problem: problem, suppressedSinceLast: suppressed)))
    }

    /// Another run's presence under this instance's name. A retained one may be a dead run's (its will not yet
    /// fired): it is only noted. A renewed one is a live namesake: the run that started later stops (it owns
    /// nothing and tells its gateway), the earlier one warns and goes on.
    private func meet(namesake: MemberPresence, renewed: Bool) {
        guard renewed else {
            retainedNamesake = namesake
            return
        }
        if namesake.startedBefore(presence) {
            guard !yielded else { return }
            yielded = true
            owned = []
            logger.critical(
                "another live instance has this instance's name (cluster.instance); this one stops",
                metadata: ["instance": "\(settings.instance)", "other": "\(namesake.incarnation ?? "-")"])
            changes.yield(.namesake(namesake))
        } else if !warnedOfNamesake {
            warnedOfNamesake = true
            logger.error(
                "another instance started with this instance's name (cluster.instance); it stops",
                metadata: ["instance": "\(settings.instance)", "other": "\(namesake.incarnation ?? "-")"])
        }
    }

    /// Renews the presence every heartbeat and lets expired leases (and a lost connection's) take effect.
    private func beat() async {
        while (try? await Task.sleep(for: failover.heartbeat)) != nil {
            if client.isConnected, !yielded { try? announce() }
            reconsider()
        }
    }

    private func followConnection() async {
        for await event in client.events {
            switch event {
            case .connected:
                lostSince = nil
                if !yielded { try? announce() }
            case .disconnected:
                if lostSince == nil { lostSince = .now }
                logger.warning("cluster membership connection lost", metadata: ["instance": "\(settings.instance)"])
            case .trying:
                break
            }
            reconsider()
        }
    }

    /// Computes the owned partitions from the live members and announces a change.
    private func reconsider() {
        guard settled, !yielded else { return }
        let now = ContinuousClock.now
        var live = view.live(at: now)
        if !live.contains(where: { $0.instance == settings.instance }) { live.append(presence) }
        // Cut off longer than the lease, the others no longer count this instance: it must own nothing.
        let cutOff = lostSince.map { now - $0 > failover.lease } ?? false
        let next =
            cutOff
            ? []
            : PartitionOwnership.owned(by: settings.instance, partitions: settings.partitioning.count, members: live)
        guard next != owned else { return }
        owned = next
        changes.yield(.owned(next, members: live.map(\.instance)))
    }
}

/// A change the coordinator announces to its gateway.
public enum ClusterChange: Sendable {
    /// The partitions this instance owns now, and the members it counted.
    case owned(Set<Int>, members: [String])
    /// Another instance's hand-over of a partition.
    case handover(PartitionHandover)
    /// Another live run, started earlier, has this instance's name: this one owns nothing and must stop.
    case namesake(MemberPresence)
    /// A hand-over on the cluster that is not applied (unreadable, not authenticated, or a replay).
    case handoverRefused(HandoverRefusal)
}

/// A hand-over not applied, as reported: at most one a partition every 10 seconds.
public struct HandoverRefusal: Sendable, Hashable {
    public var partition: Int
    /// The instance the hand-over names, when it could be read.
    public var instance: String?
    public var problem: String
    /// How many more were refused for this partition since the last report.
    public var suppressedSinceLast: Int
}
