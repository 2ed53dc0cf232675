/// The live join's reasons: why a payload's drone may not deliver payload right now.
public enum JoinCode: String, Sendable, Hashable, CaseIterable {
    /// No telemetry has been accepted from the drone yet.
    case noFix = "no_fix"
    /// The drone's last accepted fix is older than `max_fix_age_s`.
    case fixStale = "fix_stale"
    /// The drone is inside an active no-capture zone.
    case inNoCapture = "in_no_capture"
    /// The payload names another mission than the drone's telemetry.
    case missionMismatch = "mission_mismatch"
    /// The stream carried identification data and is latched until an operator releases it.
    case streamSuspended = "stream_suspended"
    /// The payload's own time is further ahead of the gateway's clock than telemetry may be.
    case payloadClockAhead = "payload_clock_ahead"
    /// The payload's own time is further behind the gateway's clock than telemetry may be.
    case payloadClockBehind = "payload_clock_behind"
}
