import Compliance
import Foundation

/// One line of the console's event feed: an engine event, reduced to what a person reads and filters by.
struct FeedEvent: Sendable {
    /// Increasing: the page shows each event once, however many snapshots carry it.
    var serial: Int
    var time: Date
    var kind: EventKind
    var drone: String?
    var stream: String?
    /// Finding or rejection codes: what the feed filters by reason.
    var reasons: [String]
    /// A sentence a person reads.
    var detail: String

    init(serial: Int, _ event: EngineEvent) {
        self.serial = serial
        time = event.time
        kind = event.kind
        drone = event.drone
        stream = event.stream?.stream
        switch event.subject {
        case .rejection(let rejection, _):
            reasons = [rejection.code.rawValue]
            detail = rejection.problem
        case .fix, .stream:
            reasons = event.findings.map(\.code.rawValue)
            detail = event.findings.map(\.detail).joined(separator: "; ")
        }
        if let release = event.release {
            detail = "released by \(release.operatorName): \(release.reason)"
        }
    }
}
