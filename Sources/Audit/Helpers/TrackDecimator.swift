public import Foundation

/// Decides which fixes go into the record: at most one per `interval` per drone, plus every fix where the
/// drone's compliance state changes, so that the track shows exactly where a breach began and ended.
public struct TrackDecimator: Sendable {
    public let interval: TimeInterval
    private var last: [String: (time: Date, state: TrackState)] = [:]

    public init(interval: TimeInterval = 1) {
        self.interval = interval
    }

    /// Whether to record `drone`'s fix at `time` in `state`; remembers it when so.
    public mutating func shouldRecord(drone: String, at time: Date, state: TrackState) -> Bool {
        if let previous = last[drone], previous.state == state, time >= previous.time,
            time.timeIntervalSince(previous.time) < interval
        {
            return false
        }
        last[drone] = (time, state)
        return true
    }
}
