import Foundation
import Yams

extension ConfigReader {
    /// `cluster:`: `partitions` (1 to 1024), `owned` (partitions, each below `partitions`, none twice; required
    /// and non-empty without `failover`), an optional `instance` name and an optional `failover` mapping
    /// (`heartbeat_s`, `lease_s`, `key_file`).
    static func clusterSettings(_ fields: YAMLFields, base: URL, checkFiles: Bool) -> ClusterSettings? {
        fields.rejectUnknownKeys(["partitions", "owned", "instance", "failover"])
        guard let count = fields.integer("partitions", in: 1...1_024) else {
            if fields.node("partitions") == nil { fields.report("partitions", nil, "is required") }
            return nil
        }
        guard let partitioning = try? ClusterPartitioning(count: count) else { return nil }
        let failover =
            fields.node("failover") == nil
            ? nil
            : fields.mapping("failover").flatMap {
                failoverSettings($0, base: base, checkFiles: checkFiles)
            }
        if fields.node("failover") != nil, failover == nil { return nil }
        guard let owned = ownedPartitions(fields, count: count, mayBeEmpty: failover != nil) else { return nil }
        return ClusterSettings(
            partitioning: partitioning, instance: fields.string("instance") ?? "flowgate", owned: owned,
            failover: failover)
    }

    private static func ownedPartitions(_ fields: YAMLFields, count: Int, mayBeEmpty: Bool) -> [Int]? {
        guard let node = fields.node("owned") else {
            if mayBeEmpty { return [] }
            fields.report("owned", nil, "is required: the partitions this instance judges")
            return nil
        }
        guard case .sequence(let items) = node, mayBeEmpty || !items.isEmpty else {
            fields.report("owned", node, "expected a non-empty list of partitions")
            return nil
        }
        var owned: [Int] = []
        for (index, item) in items.enumerated() {
            guard let partition = item.int, (0..<count).contains(partition) else {
                fields.report("owned[\(index)]", item, "must be a partition from 0 to \(count - 1)")
                continue
            }
            guard !owned.contains(partition) else {
                fields.report("owned[\(index)]", item, "partition \(partition) is listed twice")
                continue
            }
            owned.append(partition)
        }
        return owned.count == items.count ? owned : nil
    }

    /// `failover:` `heartbeat_s` (0.1 to 10, default 1), `lease_s` (at least twice the heartbeat, at most 60,
    /// default 5) and `key_file` (the hand-overs' shared key, ``HandoverKey``; the same file on every instance).
    private static func failoverSettings(_ fields: YAMLFields, base: URL, checkFiles: Bool) -> ClusterFailover? {
        fields.rejectUnknownKeys(["heartbeat_s", "lease_s", "key_file"])
        var key: HandoverKey?
        if let file = fields.fileURL("key_file", base: base, mustExist: false), checkFiles {
            do {
                key = try HandoverKey(file: file)
            } catch {
                let hint =
                    FileManager.default.fileExists(atPath: file.path)
                    ? "\(error)" : "no key file at \(file.path); make it with: openssl rand -hex 32 > \(file.path)"
                fields.report("key_file", fields.node("key_file"), hint)
                return nil
            }
        }
        let heartbeat = fields.node("heartbeat_s") == nil ? 1 : fields.number("heartbeat_s", in: 0.1...10)
        let lease = fields.node("lease_s") == nil ? 5 : fields.number("lease_s", in: 0.2...60)
        guard let heartbeat, let lease else { return nil }
        guard lease >= 2 * heartbeat else {
            fields.report(
                "lease_s", fields.node("lease_s"),
                "must be at least twice heartbeat_s (\(heartbeat)): one lost heartbeat must not end a lease")
            return nil
        }
        return ClusterFailover(
            heartbeat: .milliseconds(Int(heartbeat * 1_000)), lease: .milliseconds(Int(lease * 1_000)),
            handoverKey: key)
    }
}
