/// Per drone, the telemetry `seq` through which every message the gateway took in is safe (see
/// ``CustodyTicket``), for the record's progress table: after a crash, the next start compares each drone's next
/// `seq` with it to find what was lost.
///
/// Only telemetry the engine took (not refused, so not a replayed `seq`) is tracked. A drone's messages are kept
/// in arrival order until safe; its confirmed `seq` advances over the safe ones at the front only, so a message
/// still in custody is never counted as confirmed because a later one is safe. Owned by the gateway actor; at
/// most the custody window's messages wait here.
struct ConfirmedSeqs {
    private var waiting: [String: [(seq: UInt64, ticket: CustodyTicket)]] = [:]

    mutating func track(drone: String, seq: UInt64, ticket: CustodyTicket) {
        waiting[drone, default: []].append((seq, ticket))
    }

    /// Moves each drone's confirmed `seq` over its safe messages; returns those that moved. The last safe one in
    /// arrival order counts, not the highest: after a drone's restart (`seq_restarted`) its count starts low.
    mutating func advance() -> [String: UInt64] {
        var moved: [String: UInt64] = [:]
        for (drone, queue) in waiting {
            let safe = queue.prefix { $0.ticket.isSafe }
            guard let last = safe.last else { continue }
            moved[drone] = last.seq
            waiting[drone] = safe.count == queue.count ? nil : Array(queue.dropFirst(safe.count))
        }
        return moved
    }
}
