/// After a crash: per drone, the `seq` through which the previous run had made everything safe. The first
/// telemetry each drone sends in this run shows whether messages in between were lost (taken in and
/// acknowledged to the broker, never made safe); each drone is checked once.
struct CrashGaps {
    private var confirmed: [String: UInt64]

    init(confirmed: [String: UInt64]) { self.confirmed = confirmed }

    /// A gap seen between the previous run and this one.
    struct Gap: Equatable {
        var drone: String
        /// The last `seq` the previous run made safe.
        var confirmedSeq: UInt64
        /// The first `seq` this run got.
        var nextSeq: UInt64
        /// How many `seq` values lie between: the most that can have been lost of this drone's telemetry.
        var missing: UInt64 { nextSeq - confirmedSeq - 1 }
    }

    var isEmpty: Bool { confirmed.isEmpty }

    /// Adds a drone to check: in a cluster, the last `seq` a partition's previous owner handed over.
    mutating func expect(drone: String, after seq: UInt64) {
        confirmed[drone] = max(confirmed[drone] ?? 0, seq)
    }

    /// Stops checking the drones `includes` selects (their partition went to another instance).
    mutating func forget(where includes: (String) -> Bool) {
        confirmed = confirmed.filter { !includes($0.key) }
    }

    /// The gap before `seq`, the first telemetry of `drone` in this run; `nil` when there is none, when the drone
    /// was already checked, or when `seq` is not past the confirmed one (a message the broker delivered again, or
    /// a drone that restarted its count).
    mutating func check(drone: String, seq: UInt64) -> Gap? {
        guard let last = confirmed.removeValue(forKey: drone), seq > last, seq - last > 1 else { return nil }
        return Gap(drone: drone, confirmedSeq: last, nextSeq: seq)
    }
}
