public import Foundation

/// What a gateway instance keeps retained on the cluster while it lives (`fgc/members/<instance>`): its name and
/// the partitions its configuration gives it first. Its will, an empty retained message on the same topic, clears
/// it when the instance's connection is lost; a presence no longer renewed expires after the lease.
public struct MemberPresence: Codable, Sendable, Hashable {
    public var instance: String
    /// The partitions the instance takes whenever it is alive (`cluster.owned`); the others it takes only when
    /// no live instance prefers them.
    public var preferred: [Int]
    /// This run of the instance (random, new at every start): two live presences under one name with different
    /// incarnations are two processes configured with the same `cluster.instance`.
    public var incarnation: String?
    /// When this run started (wall clock): of two namesakes, the later one stops.
    public var started: Date?

    public init(instance: String, preferred: [Int], incarnation: String? = nil, started: Date? = nil) {
        self.instance = instance
        self.preferred = preferred
        self.incarnation = incarnation
        self.started = started
    }

    /// Whether this presence's run started before `other`'s (ties broken by incarnation); a run that does not say
    /// when it started counts as the earlier, so that the instance that can tell is the one that yields.
    public func startedBefore(_ other: MemberPresence) -> Bool {
        guard let started else { return true }
        guard let otherStarted = other.started else { return false }
        if started != otherStarted { return started < otherStarted }
        return (incarnation ?? "") < (other.incarnation ?? "")
    }
}
