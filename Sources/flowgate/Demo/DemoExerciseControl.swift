import Foundation
import Geo
import LiveConsole
import Simulation
import StrictJSON
import Synchronization

/// The instructor's controls in `flowgate demo --console`: the exercise's pace once it starts, and the
/// scorecard once it ends, as the console shows them.
final class DemoExerciseControl: ExerciseControl {
    private struct State {
        var pace: ExercisePace?
        var start: Date
        var duration: Double
        var scorecard: JSONValue?
        var finished = false
    }

    private let state: Mutex<State>

    init(start: Date, duration: Double) {
        state = Mutex(State(start: start, duration: duration))
    }

    /// The exercise has started at this pace.
    func started(_ pace: ExercisePace) { state.withLock { $0.pace = pace } }

    /// The exercise has ended, scored (`nil`: the scorecard could not be made).
    func finished(scorecard: JSONValue?) {
        state.withLock {
            $0.finished = true
            $0.scorecard = scorecard
        }
    }

    func status() async -> JSONValue {
        state.withLock { state in
            let now = state.pace?.now(wall: Date()) ?? state.start
            let phase =
                state.finished
                ? "finished" : state.pace == nil ? "starting" : state.pace?.isPaused == true ? "paused" : "running"
            let fraction = min(max(now.timeIntervalSince(state.start) / max(state.duration, 1), 0), 1)
            var object: JSONObject = [
                "state": .string(phase), "speed": .number(state.pace?.speed ?? 0),
                "scenario_time": .string(RFC3339.format(now)),
                "fraction": .number(state.finished ? 1 : (fraction * 1_000).rounded() / 1_000),
            ]
            if let scorecard = state.scorecard { object["scorecard"] = scorecard }
            return .object(object)
        }
    }

    func pause() async { state.withLock { $0.pace }?.pause() }
    func resume() async { state.withLock { $0.pace }?.resume() }

    func setSpeed(_ speed: Double) async throws {
        guard let pace = state.withLock({ $0.pace }) else { throw PublishingError("the exercise has not started yet") }
        try pace.setSpeed(speed)
    }
}
