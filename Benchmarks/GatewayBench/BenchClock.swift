import Airspace
import Foundation

/// The benchmark's time: an exercise clock that starts in the middle of the demo bundle's authorisation window
/// and runs with the wall clock from there. The bundle's authorisation and zone windows are dated (the demo
/// day), so a benchmark that judged its messages by the wall date would see every payload blocked once that
/// day has passed; the wall clock only measures the time elapsed during the run.
struct BenchClock: Sendable {
    /// Seconds from the wall clock to the benchmark's time.
    let offset: TimeInterval

    /// A clock that reads the middle of `authorisation`'s validity now.
    init(inside authorisation: Authorisation, wall: Date = Date()) {
        let middle = authorisation.validFrom.addingTimeInterval(
            authorisation.validUntil.timeIntervalSince(authorisation.validFrom) / 2)
        offset = middle.timeIntervalSince(wall)
    }

    /// The benchmark's time now.
    func now() -> Date { time(atWall: Date()) }

    /// The benchmark's time at a wall-clock instant: what the gateway's `GatewayConfig.clock` maps arrivals to.
    func time(atWall wall: Date) -> Date { wall.addingTimeInterval(offset) }
}
