public import Foundation

/// The clock of a simulated exercise, shared by the simulator and the gateway: scenario time runs from `start`
/// at the wall-clock instant `anchor`, `rate` times as fast as real time. Both sides read it from the same
/// numbers, so the gateway judges each message by the scenario time at which it was meant to arrive.
public struct ExerciseClock: Sendable, Hashable {
    /// The scenario time at the anchor.
    public var start: Date
    /// The wall-clock instant at which scenario time is `start`.
    public var anchor: Date
    /// Scenario seconds per wall-clock second (1 is real time).
    public var rate: Double

    /// - Parameters:
    ///   - start: the scenario time at `anchor`.
    ///   - anchor: a wall-clock instant.
    ///   - rate: how many times faster than real time scenario time runs; must be positive.
    public init(start: Date, anchor: Date, rate: Double = 1) {
        precondition(rate > 0 && rate.isFinite, "an exercise clock's rate must be positive and finite")
        self.start = start
        self.anchor = anchor
        self.rate = rate
    }

    /// The scenario time at a wall-clock instant: `start + (wall - anchor) * rate`. The caller reads the wall
    /// clock (this core never does), so that the same instant always gives the same scenario time.
    public func now(wall: Date) -> Date {
        start.addingTimeInterval(wall.timeIntervalSince(anchor) * rate)
    }

    /// The wall-clock instant at which the scenario reaches `scenarioTime`; the inverse of ``now(wall:)``.
    public func wallTime(for scenarioTime: Date) -> Date {
        anchor.addingTimeInterval(scenarioTime.timeIntervalSince(start) / rate)
    }
}
