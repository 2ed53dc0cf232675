/// The `seq` ranges of each drone that a gateway recorded as never seen (`seq_gap` events: after a crash, or after
/// a cluster instance took a partition over). A truth message inside one that has no decision record was lost
/// in the gateway's custody (or, after a takeover, forwarded by the dead instance after its last hand-over);
/// either way the record cannot say it was forwarded, so the scorer counts it missing rather than as a forward.
public struct RecordedGaps: Sendable, Hashable {
    private var ranges: [String: [ClosedRange<Int>]] = [:]

    public init() {}

    /// A gap: `drone`'s fixes after `confirmedSeq` and before `nextSeq` were not seen.
    public mutating func add(drone: String, confirmedSeq: Int, nextSeq: Int) {
        guard nextSeq > confirmedSeq + 1 else { return }
        ranges[drone, default: []].append((confirmedSeq + 1)...(nextSeq - 1))
    }

    public var isEmpty: Bool { ranges.isEmpty }

    public func contains(_ fix: DroneSeq) -> Bool {
        ranges[fix.drone]?.contains { $0.contains(fix.seq) } ?? false
    }
}
