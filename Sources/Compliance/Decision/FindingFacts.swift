public import Airspace
public import Foundation

/// The numbers a finding is about, kept as numbers: ``Finding/detail`` words them only when the finding is
/// printed (an egress message, an event, a log line), never while deciding.
public enum FindingFacts: Sendable, Hashable {
    /// A zone or authorisation reason; it words itself.
    case airspace(Reason)
    /// How far a time stamp is from the gateway's clock (positive: ahead), and the limit it broke.
    case clockSkew(seconds: Double, allowed: Double)
    /// A move too fast, or with no time to make it.
    case speed(metres: Double, seconds: Double, limit: Double)
    /// A replayed `seq`: the one received, the last accepted, and whether it belongs to the count before a
    /// restart.
    case replay(seq: UInt64, lastAccepted: UInt64, beforeRestart: Bool)
    /// A restarted count: the `seq` received after the last accepted one.
    case restart(seq: UInt64, after: UInt64)
    /// The age of the drone's last fix and the most a payload may be joined to.
    case fixAge(seconds: Double, allowed: Double)
    /// A stream latched since a time by identification codes.
    case suspension(since: Date, codes: [FindingCode])
    /// The KLV tags that carry identification data.
    case identifyingTags([Int])
    /// What a payload rule found (schema paths, the vocabulary's terms and computed numbers, never a value of
    /// the payload).
    case payload(PayloadFacts)
    /// Nothing beyond the code: its meaning says it all.
    case none
}
