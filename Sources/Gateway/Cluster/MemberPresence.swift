/// What a gateway instance keeps retained on the cluster while it lives (`fgc/members/<instance>`): its name and
/// the partitions its configuration gives it first. Its will, an empty retained message on the same topic, clears
/// it when the instance's connection is lost; a presence no longer renewed expires after the lease.
public struct MemberPresence: Codable, Sendable, Hashable {
    public var instance: String
    /// The partitions the instance takes whenever it is alive (`cluster.owned`); the others it takes only when
    /// no live instance prefers them.
    public var preferred: [Int]

    public init(instance: String, preferred: [Int]) {
        self.instance = instance
        self.preferred = preferred
    }
}
