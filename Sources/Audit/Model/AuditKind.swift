/// What a record is about. The raw values are stable: they are stored in the database and hashed into the chain.
public enum AuditKind: String, Sendable, Hashable, CaseIterable {
    case start
    case stop
    case configLoad = "config_load"
    case decision
    case event
    case track
    case payloadSummary = "payload_summary"
    case tally
    case suspension
    case release
    case purge
    case gap
    case checkpoint
    /// The first record of a successor file: the record found at open was broken, so it was kept as found and
    /// not extended (see Docs/RECORD.md, "Opening a record").
    case incident

    /// Kinds whose bodies retention may remove (`retention_days`): they describe where drones were and what
    /// their sensors saw, which the record must not keep for longer than needed.
    public static let retained: Set<AuditKind> = [.track, .payloadSummary]
}
