public import Compliance
import StrictJSON

/// The partitions one gateway instance owns in a cluster (`cluster:` in the configuration; Docs/CLUSTER.md): the
/// instance takes the messages of those partitions only, one ingress session per partition (client id
/// `<ingress client id>-p<partition>`), so the broker keeps each partition's QoS 1 backlog in that partition's
/// own session whichever instance connects to it next. Without ``failover`` ownership is static: each instance
/// judges the partitions it is given. With it, `owned` are the partitions the instance prefers, and the
/// instances share out every partition among those alive (``ClusterCoordinator``).
public struct ClusterSettings: Sendable, Hashable {
    public var partitioning: ClusterPartitioning
    /// This instance's name, in its logs and in every `config_load` of its record.
    public var instance: String
    /// The partitions this instance judges (with ``failover``: prefers), ascending, without repeats.
    public var owned: [Int]
    /// Partitions move from a dead instance to the live ones; `nil`: each instance judges `owned`, always.
    public var failover: ClusterFailover?

    public init(partitioning: ClusterPartitioning, instance: String, owned: [Int], failover: ClusterFailover? = nil) {
        self.partitioning = partitioning
        self.instance = instance
        self.owned = Array(Set(owned)).sorted()
        self.failover = failover
    }

    /// The ingress session's client id for a partition.
    public func clientID(ingress: String, partition: Int) -> String { "\(ingress)-p\(partition)" }

    /// What the session of a partition subscribes to: the partition's native telemetry and payload.
    public func subscriptions(_ topics: TopicScheme, partition: Int) -> [String] {
        [topics.telemetry, topics.payload].map { partitioning.subscription($0, partition: partition) }
    }

    /// The drone a release order names, to tell which instance decides it; `nil` when the order names none
    /// readably (then every instance refuses it, as a gateway alone would).
    public static func orderedDrone(_ payload: [UInt8]) -> String? {
        guard case .object(let order)? = try? JSONParser.parse(payload) else { return nil }
        return order["drone"]?.stringValue
    }

    /// The topic a partitioned message was published on (`fp/3/fleet/D2/telemetry` is `fleet/D2/telemetry`) when
    /// it came in an owned partition that is its drone's; otherwise the topic as it came, which names no drone the
    /// engine knows, so that the message is rejected and recorded as such instead of judged by the wrong instance.
    public func publishedTopic(_ topic: String, topics: TopicScheme) -> String {
        publishedTopic(topic, topics: topics, owned: Set(owned))
    }

    /// ``publishedTopic(_:topics:)`` with the partitions owned now (with failover, they change).
    public func publishedTopic(_ topic: String, topics: TopicScheme, owned: Set<Int>) -> String {
        let levels = topic.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        guard levels.count == 3, levels[0] == ClusterPartitioning.prefix, let partition = Int(levels[1]),
            owned.contains(partition)
        else { return topic }
        let published = String(levels[2])
        guard let named = topics.telemetry.drone(in: published) ?? topics.payload.match(published)?.drone,
            partitioning.partition(of: named) == partition
        else { return topic }
        return published
    }
}
