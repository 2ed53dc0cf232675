public import Foundation

/// Something the engine reports beside its verdict: a transition of a drone's state, a rejected message, a
/// stream latched or released. Typed: the published JSON and the record's entry are both written from it
/// (``EventMessage``), and nobody reads the published bytes back.
public struct EngineEvent: Sendable {
    /// What the event is about.
    public enum Subject: Sendable {
        /// A drone's fix; `showsPosition` is false for a withheld (replayed) fix, whose position stays withheld.
        case fix(TelemetryFix, showsPosition: Bool)
        /// A payload stream, with the product of the message when it was decoded.
        case stream(StreamKey, product: String?)
        /// A message that could not be decoded or attributed (or a refused control message), and the drone its
        /// topic names.
        case rejection(Rejection, drone: String?)
    }

    public var kind: EventKind
    public var subject: Subject
    public var findings: [Finding]
    /// The gateway's clock when the event happened.
    public var time: Date
    /// For `stream_released`: the verified operator and the reason they gave.
    public var release: (operatorName: String, reason: String)?
    /// For `integrity_continuing` and `integrity_ended`: the problems, how long and over how many messages.
    public var episodes: [IntegrityEpisode] = []

    public init(
        _ kind: EventKind, _ subject: Subject, findings: [Finding] = [], time: Date,
        release: (operatorName: String, reason: String)? = nil
    ) {
        self.kind = kind
        self.subject = subject
        self.findings = findings
        self.time = time
        self.release = release
    }

    /// The drone the event is about, when one is known.
    public var drone: String? {
        switch subject {
        case .fix(let fix, _): fix.drone
        case .stream(let key, _): key.drone
        case .rejection(_, let drone): drone
        }
    }

    /// The stream the event is about, for payload events.
    public var stream: StreamKey? {
        if case .stream(let key, _) = subject { return key }
        return nil
    }
}
