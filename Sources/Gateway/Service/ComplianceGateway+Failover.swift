import Audit
import Compliance
import Foundation
import Geo
import Logging
import MQTT
import Pipeline
import StrictJSON

/// Failover in a cluster (Docs/CLUSTER.md): the partitions this instance owns follow the live members, as the
/// ``ClusterCoordinator`` computes them; a partition taken over starts from its hand-over, a partition handed on
/// is finished first (what was taken in is judged) and its hand-over published.
extension ComplianceGateway {
    /// Follows the coordinator until the gateway shuts down (the task is cancelled).
    func follow(_ coordinator: ClusterCoordinator, egress: MQTTClient) async {
        for await change in coordinator.updates {
            if Task.isCancelled { return }
            switch change {
            case .owned(let next, let members):
                await own(next, members: members, egress: egress)
            case .handover(let handover):
                // A hand-over published by the previous owner after this instance took the partition (it was
                // finishing what it had taken in): its latches count here too (fail closed).
                if ownedPartitions.contains(handover.partition) { apply(handover) }
            case .namesake(let other):
                await stepAside(for: other, egress: egress)
                return
            case .handoverRefused(let refusal):
                var fields: JSONObject = [
                    "partition": .number(Double(refusal.partition)), "problem": .string(refusal.problem),
                    "suppressed_since_last": .number(Double(refusal.suppressedSinceLast)),
                ]
                if let instance = refusal.instance { fields["from"] = .string(instance) }
                await recordClusterEvent(.handoverRefused, fields)
            }
        }
    }

    /// Another live instance, started first, has this instance's name: whatever this one holds is handed on,
    /// the conflict recorded, and the gateway stops with ``InstanceNameTaken``.
    private func stepAside(for other: MemberPresence, egress: MQTTClient) async {
        for partition in partitionSessions.keys.sorted() { await release(partition, egress: egress) }
        await recordClusterEvent(
            .instanceNameTaken, other.started.map { ["other_started": .string(RFC3339.format($0))] } ?? [:])
        fail(InstanceNameTaken(instance: config.cluster?.instance ?? "", otherStarted: other.started))
    }

    /// Records an event about this instance's part in the cluster: its kind, the instance, the time, and `fields`.
    private func recordClusterEvent(_ kind: EventKind, _ fields: JSONObject) async {
        let now = config.clock(Date())
        var event = fields
        event["v"] = .number(1)
        event["event"] = .string(kind.rawValue)
        event["instance"] = .string(config.cluster?.instance ?? "")
        event["time"] = .string(RFC3339.format(now))
        _ = await write([.event(time: now, drone: nil, mission: nil, event: event)], now: now)
    }

    /// Hands on what is no longer owned, then takes over what newly is; records the change.
    private func own(_ next: Set<Int>, members: [String], egress: MQTTClient) async {
        let released = ownedPartitions.subtracting(next).sorted()
        let acquired = next.subtracting(ownedPartitions).sorted()
        for partition in released { await release(partition, egress: egress) }
        for partition in acquired { await acquire(partition, egress: egress) }
        guard !released.isEmpty || !acquired.isEmpty else { return }
        logger.notice(
            "partitions changed",
            metadata: [
                "owned": "\(ownedPartitions.sorted())", "acquired": "\(acquired)", "released": "\(released)",
                "members": "\(members)",
            ])
        await recordClusterEvent(
            .partitionsChanged,
            [
                "owned": .array(ownedPartitions.sorted().map { .number(Double($0)) }),
                "acquired": .array(acquired.map { .number(Double($0)) }),
                "released": .array(released.map { .number(Double($0)) }),
                "members": .array(members.map { .string($0) }),
            ])
    }

    /// Takes a partition over: its hand-over first (latches, last `seq`s), then its session, whose backlog the
    /// broker kept while nobody held it.
    private func acquire(_ partition: Int, egress: MQTTClient) async {
        guard let cluster = config.cluster, let coordinator else { return }
        if let handover = await coordinator.handover(for: partition) { apply(handover) }
        var options = ComplianceGateway.options(config.ingress, cleanSession: false)
        options.clientID = cluster.clientID(ingress: config.ingress.clientID, partition: partition)
        options.custody = custody
        let client: MQTTClient
        do {
            client = try MQTTClient(options: options)
        } catch {
            logger.error("partition session not made", metadata: ["partition": "\(partition)", "error": "\(error)"])
            return
        }
        ownedPartitions.insert(partition)
        let bridge = Task {
            let interrupted = await self.bridge(from: client, to: egress)
            // The record failed: nothing more is judged, on any partition; the gateway stops (fail closed).
            if self.hasFailed { await coordinator.endUpdates() }
            return interrupted
        }
        partitionSessions[partition] = PartitionSession(
            client: client, bridge: bridge, watcher: watch(client, isIngress: true))
        let subscriptions = cluster.subscriptions(config.policy.topics, partition: partition)
        Task { [logger] in
            // libmosquitto reconnects by itself once connected; the first connection is retried here.
            while !Task.isCancelled {
                do {
                    try await client.connect()
                    for topic in subscriptions { try await client.subscribe(topic, qos: 1) }
                    return
                } catch {
                    logger.warning(
                        "partition session not connected; retrying",
                        metadata: ["partition": "\(partition)", "error": "\(error)"])
                    try? await Task.sleep(for: .seconds(1))
                }
            }
        }
    }

    /// Hands a partition on: stops taking its messages, judges what was taken in (the broker counts it
    /// delivered), publishes its hand-over and forgets its drones.
    private func release(_ partition: Int, egress: MQTTClient) async {
        guard let session = partitionSessions.removeValue(forKey: partition) else { return }
        session.bridge.cancel()
        let interrupted = await session.bridge.value
        session.client.disconnect()
        await finish(interrupted + session.client.takeWaiting(), egress: egress)
        session.watcher.cancel()
        if let handover = handover(of: partition) { await coordinator?.publish(handover) }
        ownedPartitions.remove(partition)
        publishedHandovers[partition] = nil
        if let partitioning = config.cluster?.partitioning {
            pipeline.forget { partitioning.partition(of: $0) == partition }
            takeoverGaps.forget { partitioning.partition(of: $0) == partition }
        }
    }

    /// On a graceful shutdown: every partition handed on, and the presence cleared so that the others take
    /// over at once.
    func leaveCluster(egress: MQTTClient) async {
        guard let coordinator else { return }
        for partition in partitionSessions.keys.sorted() { await release(partition, egress: egress) }
        await coordinator.leave()
    }

    /// With failover, every 200 ms: the hand-over of each owned partition that changed. How stale a hand-over
    /// can be bounds what a takeover forgets of a drone's last fixes (a payload is joined to a fix at most
    /// `max_fix_age_s` old: 5 s by default).
    nonisolated func handOverRegularly() -> Task<Void, Never> {
        Task {
            guard config.cluster?.failover != nil else { return }
            while (try? await Task.sleep(for: .milliseconds(200))) != nil {
                await self.publishHandovers()
            }
        }
    }

    /// Publishes the hand-over of each owned partition whose state changed since it was last published.
    func publishHandovers() async {
        guard let coordinator else { return }
        for partition in ownedPartitions.sorted() {
            guard let handover = handover(of: partition), publishedHandovers[partition] != handover else { continue }
            publishedHandovers[partition] = handover
            await coordinator.publish(handover)
        }
    }

    /// The state of an owned partition that the next owner needs.
    private func handover(of partition: Int) -> PartitionHandover? {
        guard let cluster = config.cluster else { return nil }
        let belongs = { (drone: String) in cluster.partitioning.partition(of: drone) == partition }
        let suspensions = pipeline.engine.suspensions.filter { belongs($0.key.drone) }
        return PartitionHandover(
            instance: cluster.instance, partition: partition,
            suspensions: suspensions.map { PartitionHandover.SuspendedStream($0.key, $0.value) },
            drones: pipeline.engine.droneHandovers(where: belongs))
    }

    /// Starts from a hand-over: its latches are added (never lifted: a release is the operators'), its drones'
    /// records taken for drones not seen here yet.
    private func apply(_ handover: PartitionHandover) {
        for stream in handover.suspensions where pipeline.engine.suspensions[stream.key] == nil {
            pipeline.restore(stream.key, stream.suspension)
        }
        for (drone, state) in handover.drones where pipeline.restore(drone: drone, state) {
            // What the takeover lost shows at the drone's next fix, as a recorded `seq_gap`.
            takeoverGaps.expect(drone: drone, after: state.seq)
        }
    }
}
