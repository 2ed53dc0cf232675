public import Foundation

/// How events follow conditions that last (Docs/REASON_CODES.md, "Events are transitions"): a condition is
/// announced when it starts, reminded of while it lasts, and ended once it has been absent for a while, so that
/// consumers and the record are not flooded by one event per message.
public enum TransitionTiming {
    /// A condition not seen for this long has ended: one that comes and goes from one fix to the next (a
    /// flapping clock, a glitching receiver, a drone hovering on a warning margin) is one episode, not many.
    public static let quietPeriod: TimeInterval = 5
    /// While an integrity problem lasts, an `integrity_continuing` event at most this often.
    public static let reminderInterval: TimeInterval = 60
}
