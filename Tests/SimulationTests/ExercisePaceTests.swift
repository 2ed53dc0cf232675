import Foundation
import Geo
import Simulation
import Testing

/// The instructor's pace: pausing holds scenario time, resuming and changing speed go on from where it was.
@Suite("Exercise pace")
struct ExercisePaceTests {
    let start = Date(timeIntervalSince1970: 1_000_000)
    let anchor = Date(timeIntervalSince1970: 2_000_000)

    @Test("pause holds the scenario time; resume goes on from it without a jump")
    func pauseAndResume() {
        let pace = ExercisePace(ExerciseClock(start: start, anchor: anchor, rate: 10))
        #expect(pace.now(wall: anchor.addingTimeInterval(2)) == start.addingTimeInterval(20))
        pace.pause(wall: anchor.addingTimeInterval(2))
        #expect(pace.isPaused)
        #expect(pace.now(wall: anchor.addingTimeInterval(30)) == start.addingTimeInterval(20))
        #expect(pace.wallTime(for: start.addingTimeInterval(25)) == nil, "nothing is due while paused")
        pace.resume(wall: anchor.addingTimeInterval(30))
        #expect(!pace.isPaused)
        #expect(pace.now(wall: anchor.addingTimeInterval(31)) == start.addingTimeInterval(30))
        #expect(pace.wallTime(for: start.addingTimeInterval(40)) == anchor.addingTimeInterval(32))
    }

    @Test("a new speed applies from the moment it is set; speeds out of range are refused")
    func speed() throws {
        let pace = ExercisePace(ExerciseClock(start: start, anchor: anchor, rate: 10))
        try pace.setSpeed(100, wall: anchor.addingTimeInterval(1))
        #expect(pace.speed == 100)
        #expect(pace.now(wall: anchor.addingTimeInterval(2)) == start.addingTimeInterval(110))
        #expect(throws: PublishingError.self) { try pace.setSpeed(0, wall: anchor) }
        #expect(throws: PublishingError.self) { try pace.setSpeed(.infinity, wall: anchor) }
        #expect(pace.speed == 100)
    }
}
