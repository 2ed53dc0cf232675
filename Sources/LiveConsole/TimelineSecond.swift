/// What the gateway did in one second of its clock: the timeline strip's bar.
struct TimelineSecond: Sendable, Hashable {
    /// Whole seconds since 1970 (gateway clock).
    var second: Int
    var forwarded = 0
    var redacted = 0
    /// Not published: blocked, withheld or rejected.
    var blocked = 0
}
