public import Compliance

/// How a cluster of gateway instances splits the fleet: every drone belongs to one of ``count`` partitions, and
/// the broker delivers each drone's messages under its partition's prefix (`fleet/D2/telemetry` arrives as
/// `fp/3/fleet/D2/telemetry`), so the one instance that owns the partition sees every message of the drone and
/// keeps all of its state.
///
/// The partition is what NATS's subject mapping `{{partition(n,k)}}` computes over the drone's level: the 32-bit
/// FNV-1a hash of its UTF-8 bytes, modulo n. The gateway, the broker's mappings and the accounts' permissions
/// (which pin each drone to its partition) must agree on it; a test checks it against a real `nats-server`.
public struct ClusterPartitioning: Sendable, Hashable {
    /// The number of partitions, at least 1.
    public let count: Int
    /// The first level of every partitioned topic.
    public static let prefix = "fp"

    /// - Throws: when `count` is below 1 or above what a NATS mapping takes.
    public init(count: Int) throws(ClusterConfigurationError) {
        guard (1...1_024).contains(count) else {
            throw ClusterConfigurationError("cluster.partitions must be from 1 to 1024, not \(count)")
        }
        self.count = count
    }

    /// The partition of a drone.
    public func partition(of drone: String) -> Int {
        var hash: UInt32 = 0x811c_9dc5
        for byte in drone.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        return Int(hash % UInt32(count))
    }

    /// The topic a drone's message published on `topic` arrives on.
    public func partitionedTopic(_ topic: String, drone: String) -> String {
        "\(Self.prefix)/\(partition(of: drone))/\(topic)"
    }

    /// The MQTT subscription for one partition's messages of a topic pattern (`fp/3/fleet/+/telemetry`).
    public func subscription(_ pattern: TopicPattern, partition: Int) -> String {
        "\(Self.prefix)/\(partition)/\(pattern.subscription)"
    }

    /// The NATS subject mapping that partitions a topic pattern: `fleet.*.telemetry` to
    /// `fp.{{partition(8,1)}}.fleet.{{wildcard(1)}}.telemetry`. MQTT levels are NATS tokens; `{drone}` and
    /// `{stream}` become wildcards, numbered in order.
    public func mapping(for pattern: TopicPattern) -> (source: String, destination: String) {
        var source: [String] = []
        var destination: [String] = []
        var wildcards = 0
        var droneWildcard = 1
        for level in pattern.levels {
            if level == "{drone}" || level == "{stream}" {
                wildcards += 1
                if level == "{drone}" { droneWildcard = wildcards }
                source.append("*")
                destination.append("{{wildcard(\(wildcards))}}")
            } else {
                source.append(level)
                destination.append(level)
            }
        }
        let head = "\(Self.prefix).{{partition(\(count),\(droneWildcard))}}"
        return (source.joined(separator: "."), ([head] + destination).joined(separator: "."))
    }
}

/// A cluster setting that cannot work.
public struct ClusterConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
