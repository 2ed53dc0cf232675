import Yams

extension ConfigReader {
    /// `cluster:`: `partitions` (1 to 1024), `owned` (a non-empty list of partitions, each below `partitions`,
    /// none twice) and an optional `instance` name.
    static func clusterSettings(_ fields: YAMLFields) -> ClusterSettings? {
        fields.rejectUnknownKeys(["partitions", "owned", "instance"])
        guard let count = fields.integer("partitions", in: 1...1_024) else {
            if fields.node("partitions") == nil { fields.report("partitions", nil, "is required") }
            return nil
        }
        guard let partitioning = try? ClusterPartitioning(count: count) else { return nil }
        guard let node = fields.node("owned") else {
            fields.report("owned", nil, "is required: the partitions this instance judges")
            return nil
        }
        guard case .sequence(let items) = node, !items.isEmpty else {
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
        guard owned.count == items.count else { return nil }
        return ClusterSettings(
            partitioning: partitioning, instance: fields.string("instance") ?? "flowgate", owned: owned)
    }
}
