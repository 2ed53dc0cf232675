/// The members one instance believes alive: each presence heard within the lease, less those whose will (an
/// empty presence) said they left. Time is an argument, so that the view is tested without waiting.
public struct MembershipView: Sendable {
    /// How long a presence counts after it was last heard.
    public let lease: Duration
    private var heard: [String: (presence: MemberPresence, at: ContinuousClock.Instant)] = [:]

    public init(lease: Duration) {
        self.lease = lease
    }

    /// A member's presence, heard now (new or renewed).
    public mutating func heard(_ presence: MemberPresence, at now: ContinuousClock.Instant) {
        heard[presence.instance] = (presence, now)
    }

    /// A member left: its will, or its own goodbye.
    public mutating func left(_ instance: String) {
        heard[instance] = nil
    }

    /// The members heard within the lease, by name.
    public func live(at now: ContinuousClock.Instant) -> [MemberPresence] {
        heard.values.filter { now - $0.at <= lease }.map(\.presence).sorted { $0.instance < $1.instance }
    }
}
