import Compliance
import Gateway
import Testing

/// `cluster:`: the partitions one instance owns, read with every mistake named; and what an instance makes of a
/// partitioned topic.
@Suite struct ConfigClusterTests {
    @Test func partitionsAndOwnedPartitionsAreRead() throws {
        let config = try ConfigFolder.with {
            try $0.load(minimalYAML + "\ncluster: {partitions: 8, instance: gw-a, owned: [5, 0, 3]}\n")
        }
        let cluster = try #require(config.cluster)
        #expect(cluster.partitioning.count == 8)
        #expect(cluster.instance == "gw-a")
        #expect(cluster.owned == [0, 3, 5])
        #expect(cluster.clientID(ingress: "flowgate-ingress", partition: 3) == "flowgate-ingress-p3")
        #expect(
            cluster.subscriptions(TopicScheme(), partition: 3) == ["fp/3/fleet/+/telemetry", "fp/3/fleet/+/payload/+"])
        #expect(try ConfigFolder.with { try $0.load(minimalYAML) }.cluster == nil)
    }

    @Test func failoverIsReadAndLetsOwnedBeEmpty() throws {
        let config = try ConfigFolder.with {
            try $0.load(
                minimalYAML
                    + "\ncluster: {partitions: 8, instance: gw-b, failover: {heartbeat_s: 0.5, lease_s: 2}}\n")
        }
        let cluster = try #require(config.cluster)
        #expect(cluster.owned.isEmpty)
        #expect(cluster.failover == ClusterFailover(heartbeat: .milliseconds(500), lease: .seconds(2)))
        let defaults = try ConfigFolder.with {
            try $0.load(minimalYAML + "\ncluster: {partitions: 8, owned: [1], failover: {}}\n")
        }
        #expect(defaults.cluster?.failover == ClusterFailover(heartbeat: .seconds(1), lease: .seconds(5)))
    }

    @Test func theHandOverKeyIsReadFromItsFileAndABadOneIsNamed() throws {
        let key = String(repeating: "0f", count: 32)
        let config = try ConfigFolder.with { folder in
            try folder.write("cluster.key", key + "\n")
            return try folder.load(minimalYAML + "\ncluster: {partitions: 8, failover: {key_file: cluster.key}}\n")
        }
        #expect(config.cluster?.failover?.handoverKey == (try HandoverKey(hex: key)))
        let problems = try ConfigFolder.with { folder in
            try folder.write("short.key", "0f0f\n")
            return [
                folder.issues(minimalYAML + "\ncluster: {partitions: 8, failover: {key_file: short.key}}\n"),
                folder.issues(minimalYAML + "\ncluster: {partitions: 8, failover: {key_file: absent.key}}\n"),
            ]
        }
        #expect(problems.map { $0.map(\.key) } == [["cluster.failover.key_file"], ["cluster.failover.key_file"]])
        #expect(problems[0].first?.description.contains("holds 2 bytes; at least 32") == true, "\(problems[0])")
        #expect(problems[1].first?.description.contains("openssl rand -hex 32 >") == true, "\(problems[1])")
    }

    @Test(
        "each mistake is refused, naming the key",
        arguments: [
            ("{owned: [0]}", "cluster.partitions"), ("{partitions: 0, owned: [0]}", "cluster.partitions"),
            ("{partitions: 8}", "cluster.owned"), ("{partitions: 8, owned: []}", "cluster.owned"),
            ("{partitions: 8, owned: [8]}", "cluster.owned[0]"), ("{partitions: 8, owned: [1, 1]}", "cluster.owned[1]"),
            ("{partitions: 8, owned: [x]}", "cluster.owned[0]"),
            ("{partitions: 8, owned: [0], leader: true}", "cluster.leader"),
            ("{partitions: 8, failover: {heartbeat_s: 1, lease_s: 1.5}}", "cluster.failover.lease_s"),
            ("{partitions: 8, failover: {heartbeat_s: 0}}", "cluster.failover.heartbeat_s"),
            ("{partitions: 8, failover: {lease: 3}}", "cluster.failover.lease"),
        ])
    func mistakes(section: String, key: String) throws {
        let issues = try ConfigFolder.with { $0.issues(minimalYAML + "\ncluster: \(section)\n") }
        #expect(issues.map(\.key) == [key], "\(section): \(issues)")
    }

    @Test func aPartitionedTopicIsJudgedAsPublishedOnlyInItsDronesOwnedPartition() throws {
        let partitioning = try ClusterPartitioning(count: 8)
        let cluster = ClusterSettings(partitioning: partitioning, instance: "gw", owned: [3, 6])
        let topics = TopicScheme()
        // D2 is in 3, D1 in 6, D3 in 0.
        #expect(cluster.publishedTopic("fp/3/fleet/D2/telemetry", topics: topics) == "fleet/D2/telemetry")
        #expect(
            cluster.publishedTopic("fp/3/fleet/D2/payload/crowd_density", topics: topics)
                == "fleet/D2/payload/crowd_density")
        #expect(cluster.publishedTopic("fp/6/fleet/D1/telemetry", topics: topics) == "fleet/D1/telemetry")
        // Not its drone's partition, not owned, not partitioned, no drone: left as it came, so the engine rejects it.
        for topic in [
            "fp/3/fleet/D1/telemetry", "fp/0/fleet/D3/telemetry", "fleet/D2/telemetry", "fp/3/other/D2/telemetry",
            "fp/x/fleet/D2/telemetry", "fp/3",
        ] {
            #expect(cluster.publishedTopic(topic, topics: topics) == topic)
        }
    }
}
