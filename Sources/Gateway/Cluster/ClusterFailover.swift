/// Failover between instances (`cluster.failover` in the configuration; Docs/CLUSTER.md): how often an instance
/// renews its presence, and how long a presence counts without renewal. A killed instance's connection closes
/// and its will clears its presence at once; the lease bounds a silent one (a frozen machine, a cut cable):
/// its partitions are taken over within about the lease plus a heartbeat.
public struct ClusterFailover: Sendable, Hashable {
    public var heartbeat: Duration
    public var lease: Duration

    public init(heartbeat: Duration = .seconds(1), lease: Duration = .seconds(5)) {
        self.heartbeat = heartbeat
        self.lease = lease
    }
}
