/// Which live instance owns each partition: a pure function of the live members, so that every instance that
/// sees the same members computes the same owners without talking to the others (Docs/CLUSTER.md).
///
/// A partition goes to the live instances that prefer it (`cluster.owned`) or, when none is alive, to all live
/// instances; among those, to the one with the highest rendezvous weight (a hash of instance and partition), so
/// that when an instance dies its partitions spread over the survivors and nothing else moves.
public enum PartitionOwnership {
    /// The owner of every partition, by instance name; empty when no member is alive.
    public static func owners(partitions: Int, members: [MemberPresence]) -> [Int: String] {
        guard !members.isEmpty else { return [:] }
        var owners: [Int: String] = [:]
        for partition in 0..<partitions {
            let preferring = members.filter { $0.preferred.contains(partition) }
            let candidates = preferring.isEmpty ? members : preferring
            let chosen = candidates.max {
                (weight($0.instance, partition), $0.instance) < (weight($1.instance, partition), $1.instance)
            }
            owners[partition] = chosen?.instance
        }
        return owners
    }

    /// The partitions `instance` owns among `members`.
    public static func owned(by instance: String, partitions: Int, members: [MemberPresence]) -> Set<Int> {
        Set(owners(partitions: partitions, members: members).filter { $0.value == instance }.keys)
    }

    /// The rendezvous weight: 64-bit FNV-1a over the instance's name and the partition, then a final mix
    /// (FNV alone leaves names that differ in their last byte too close).
    static func weight(_ instance: String, _ partition: Int) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in Array(instance.utf8) + [0] + Array(String(partition).utf8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        hash ^= hash >> 33
        hash = hash &* 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        return hash
    }
}
