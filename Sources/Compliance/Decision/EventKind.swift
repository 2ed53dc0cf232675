/// What an event on `flowgate/events/{drone}` (or the gateway's own events topic) reports. The raw values are
/// the `event` member consumers and the record read.
public enum EventKind: String, Sendable, Hashable, CaseIterable {
    case breachStarted = "breach_started"
    case breachEnded = "breach_ended"
    case breachChanged = "breach_changed"
    case warningEntered = "warning_entered"
    case integrityProblem = "integrity_problem"
    case integrityContinuing = "integrity_continuing"
    case integrityEnded = "integrity_ended"
    case authorisationExpired = "authorisation_expired"
    case seqRestarted = "seq_restarted"
    case messageRejected = "message_rejected"
    case releaseRefused = "release_refused"
    case streamSuspended = "stream_suspended"
    case streamReleased = "stream_released"
    case payloadBlocked = "payload_blocked"
    case wouldBlock = "would_block"
    // The gateway's own events, about itself rather than one message.
    case seqGap = "seq_gap"
    case gatewayDisconnected = "gateway_disconnected"
    /// A clustered instance took partitions over or handed them on (Docs/CLUSTER.md).
    case partitionsChanged = "partitions_changed"
    /// Another live instance of the cluster has this instance's name, and started first: this one stopped.
    case instanceNameTaken = "instance_name_taken"
    /// A partition hand-over on the cluster was not applied: unreadable, not authenticated, or a replay.
    case handoverRefused = "handover_refused"
    case bundleReloaded = "bundle_reloaded"
    case bundleReloadRefused = "bundle_reload_refused"
}
