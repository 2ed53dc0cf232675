import Foundation

/// A drone's breach as events announce it: from `breach_started` to `breach_ended`. A drone that leaves breach
/// and comes back within ``TransitionTiming/quietPeriod`` (hovering on a limit, a glitching receiver) is still
/// in the same announced breach: no end and new start at every fix.
struct BreachEpisode: Sendable {
    /// The gateway's clock at the first and the latest fix in breach.
    var since: Date
    var last: Date
    /// The breach reasons last announced (`breach_started` or `breach_changed`).
    var keys: Set<FindingKey>
}
