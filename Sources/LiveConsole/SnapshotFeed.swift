import Airspace
import Compliance
import Crypto
import Foundation
import Gateway
import HexEncoding
import Synchronization

/// The console's loop, a few times a second and off the message path: takes what the gateway left in its
/// ``DecisionTap``, folds it into the ``ConsoleState``, asks the gateway for what only it knows (suspensions, the
/// bundle in force), encodes one snapshot and hands it to every viewer's queue.
final class SnapshotFeed: Sendable {
    /// The latest snapshot and zone layer, for viewers that ask once.
    struct Latest: Sendable {
        var snapshot: [UInt8]?
        var zones: [UInt8] = Array(#"{"zones":[]}"#.utf8)
        var zonesDigest = ""
    }

    let interval: Duration
    let hub = ViewerHub()
    private let gateway: ComplianceGateway
    private let tap: DecisionTap
    private let desk: ReleaseDesk
    private let exercise: (any ExerciseControl)?
    private let latest = Mutex(Latest())

    init(
        gateway: ComplianceGateway, tap: DecisionTap, desk: ReleaseDesk, exercise: (any ExerciseControl)?,
        interval: Duration
    ) {
        self.gateway = gateway
        self.tap = tap
        self.desk = desk
        self.exercise = exercise
        self.interval = interval
    }

    var current: Latest { latest.withLock { $0 } }

    /// Until cancelled.
    func run() async {
        var state = ConsoleState()
        var zones: [Zone]?
        while !Task.isCancelled {
            await tick(&state, zones: &zones)
            try? await Task.sleep(for: interval)
        }
    }

    func tick(_ state: inout ConsoleState, zones: inout [Zone]?) async {
        state.fold(tap.drain())
        let bundle = await gateway.bundle
        if zones != bundle.zones {
            zones = bundle.zones
            let layer = ZoneLayer.json(bundle)
            let digest = Array(SHA256.hash(data: layer).prefix(8)).hexString
            latest.withLock {
                $0.zones = layer
                $0.zonesDigest = digest
            }
        }
        let snapshot = ConsoleSnapshot(
            state: state, now: gateway.now(), bundle: bundle, zonesDigest: current.zonesDigest,
            suspensions: await gateway.suspensions, approvals: await desk.waiting(), exercise: await exercise?.status()
        ).json
        latest.withLock { $0.snapshot = snapshot }
        hub.broadcast(snapshot)
    }
}
