public import Foundation
public import Geo
import Synchronization

/// An exercise clock the instructor can pause, resume and speed up or slow down while it runs: each change
/// re-anchors the ``ExerciseClock`` at the scenario time it was made, so scenario time never jumps. The
/// publisher and the gateway read the same pace, so they stay on one clock.
public final class ExercisePace: Sendable {
    private struct State {
        var clock: ExerciseClock
        /// The scenario time the exercise stopped at, while paused.
        var pausedAt: Date?
    }

    /// The slowest and fastest speeds an instructor may set.
    public static let speeds: ClosedRange<Double> = 0.1...1_000

    private let state: Mutex<State>

    public init(_ clock: ExerciseClock) { state = Mutex(State(clock: clock)) }

    /// The scenario time at a wall-clock instant (held while paused).
    public func now(wall: Date) -> Date {
        state.withLock { $0.pausedAt ?? $0.clock.now(wall: wall) }
    }

    /// The wall-clock instant the scenario reaches `scenarioTime` at the current pace; `nil` while paused.
    public func wallTime(for scenarioTime: Date) -> Date? {
        state.withLock { $0.pausedAt == nil ? $0.clock.wallTime(for: scenarioTime) : nil }
    }

    public var isPaused: Bool { state.withLock { $0.pausedAt != nil } }
    public var speed: Double { state.withLock { $0.clock.rate } }

    public func pause(wall: Date = Date()) {
        state.withLock { state in
            if state.pausedAt == nil { state.pausedAt = state.clock.now(wall: wall) }
        }
    }

    public func resume(wall: Date = Date()) {
        state.withLock { state in
            guard let pausedAt = state.pausedAt else { return }
            state.clock = ExerciseClock(start: pausedAt, anchor: wall, rate: state.clock.rate)
            state.pausedAt = nil
        }
    }

    /// - Throws: ``PublishingError`` when `speed` is outside ``speeds``.
    public func setSpeed(_ speed: Double, wall: Date = Date()) throws(PublishingError) {
        guard speed.isFinite, Self.speeds.contains(speed) else {
            throw PublishingError("speed must be from \(Self.speeds.lowerBound) to \(Int(Self.speeds.upperBound))")
        }
        state.withLock { state in
            let now = state.pausedAt ?? state.clock.now(wall: wall)
            state.clock = ExerciseClock(start: now, anchor: wall, rate: speed)
        }
    }
}
