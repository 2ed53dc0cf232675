/// Position-integrity findings: the fix itself is implausible, or its count restarted.
public enum IntegrityCode: String, Sendable, Hashable, CaseIterable {
    /// Moved faster than the configured maximum since the previous fix.
    case implausibleSpeed = "implausible_speed"
    /// Time stamped further ahead of the gateway's clock than allowed.
    case clockAhead = "clock_ahead"
    /// Time stamped further behind the gateway's clock than allowed.
    case clockBehind = "clock_behind"
    /// A sequence number not above the last one accepted: a repeated or old message.
    case replayedSeq = "replayed_seq"
    /// A warning, not a problem: the drone's `seq` started again from low with a newer time of its own (a
    /// reboot in the air), so the fix was accepted.
    case seqRestarted = "seq_restarted"
}
