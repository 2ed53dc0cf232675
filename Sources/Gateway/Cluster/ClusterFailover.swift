/// Failover between instances (`cluster.failover` in the configuration; Docs/CLUSTER.md): how often an instance
/// renews its presence, and how long a presence counts without renewal. A killed instance's connection closes
/// and its will clears its presence at once; the lease bounds a silent one (a frozen machine, a cut cable):
/// its partitions are taken over within about the lease plus a heartbeat.
public struct ClusterFailover: Sendable, Hashable {
    public var heartbeat: Duration
    public var lease: Duration
    /// Authenticates the partition hand-overs (`key_file`); without it they are taken unauthenticated.
    public var handoverKey: HandoverKey?

    public init(heartbeat: Duration = .seconds(1), lease: Duration = .seconds(5), handoverKey: HandoverKey? = nil) {
        self.heartbeat = heartbeat
        self.lease = lease
        self.handoverKey = handoverKey
    }
}
