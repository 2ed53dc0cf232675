public import Foundation

/// One position-integrity problem of one drone while it lasts: from the first fix that had it to the last, how
/// many fixes had it, and when it was last reported. Events report its start, a reminder at most every
/// ``TransitionTiming/reminderInterval``, and its end with these numbers; every fix's own decision keeps the
/// detail.
public struct IntegrityEpisode: Sendable, Hashable {
    public var code: IntegrityCode
    /// The gateway's clock at the first and the latest message that had the problem.
    public var since: Date
    public var last: Date
    /// Messages that had it, the first included.
    public var messages: Int
    /// When an event last reported it (its start, or a reminder).
    var reported: Date

    init(_ code: IntegrityCode, at now: Date) {
        self.code = code
        since = now
        last = now
        messages = 1
        reported = now
    }

    /// Seconds from the first message that had the problem to the latest.
    public var duration: TimeInterval { last.timeIntervalSince(since) }
}
