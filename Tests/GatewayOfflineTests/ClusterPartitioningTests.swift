import Compliance
import Foundation
import Gateway
import Testing

/// The partition of a drone as NATS's `{{partition(n,k)}}` computes it (32-bit FNV-1a modulo n); the live
/// cluster test checks the same against a real nats-server.
@Suite struct ClusterPartitioningTests {
    @Test func partitionsAreFNV1aOfTheDroneModuloTheCount() throws {
        let eight = try ClusterPartitioning(count: 8)
        // FNV-1a("D1") = 0x07ce2b86, FNV-1a("D2") = 0x06ce29f3; nats-server 2.9 put them in 6 and 3.
        #expect(eight.partition(of: "D1") == 0x07ce_2b86 % 8)
        #expect(eight.partition(of: "D2") == 0x06ce_29f3 % 8)
        #expect(eight.partition(of: "D1") == 6)
        #expect(eight.partition(of: "D2") == 3)
        // The empty string hashes to the offset basis.
        #expect(try ClusterPartitioning(count: 1_000).partition(of: "") == Int(0x811c_9dc5 % 1_000))
        let spread = Set((1...200).map { eight.partition(of: String(format: "D%03d", $0)) })
        #expect(spread == Set(0..<8), "200 drones use every one of 8 partitions")
    }

    @Test func theMappingsFollowTheTopicScheme() throws {
        let partitioning = try ClusterPartitioning(count: 8)
        let topics = TopicScheme()
        #expect(
            partitioning.mapping(for: topics.telemetry)
                == ("fleet.*.telemetry", "fp.{{partition(8,1)}}.fleet.{{wildcard(1)}}.telemetry"))
        #expect(
            partitioning.mapping(for: topics.payload)
                == ("fleet.*.payload.*", "fp.{{partition(8,1)}}.fleet.{{wildcard(1)}}.payload.{{wildcard(2)}}"))
        // The drone need not be the first wildcard.
        let custom = try TopicPattern("site/{stream}/drones/{drone}/video")
        #expect(
            partitioning.mapping(for: custom)
                == ("site.*.drones.*.video", "fp.{{partition(8,2)}}.site.{{wildcard(1)}}.drones.{{wildcard(2)}}.video"))
        #expect(partitioning.partitionedTopic("fleet/D2/telemetry", drone: "D2") == "fp/3/fleet/D2/telemetry")
        #expect(partitioning.subscription(topics.payload, partition: 5) == "fp/5/fleet/+/payload/+")
    }

    @Test(arguments: [0, -1, 1_025])
    func aCountOutsideOneTo1024IsRefusedNamingIt(count: Int) {
        #expect {
            try ClusterPartitioning(count: count)
        } throws: { error in
            "\(error)".contains("cluster.partitions") && "\(error)".contains("\(count)")
        }
    }
}
