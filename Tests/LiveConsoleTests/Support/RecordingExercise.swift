import LiveConsole
import StrictJSON
import Synchronization

/// An exercise that only notes what the instructor asked, for the controls' HTTP tests.
final class RecordingExercise: ExerciseControl {
    private let state = Mutex<(paused: Bool, speed: Double, asked: [String])>((false, 25, []))

    var asked: [String] { state.withLock { $0.asked } }

    func status() async -> JSONValue {
        let (paused, speed, _) = state.withLock { $0 }
        return .object([
            "state": .string(paused ? "paused" : "running"), "speed": .number(speed), "fraction": .number(0.5),
        ])
    }

    func pause() async {
        state.withLock {
            $0.paused = true; $0.asked.append("pause")
        }
    }
    func resume() async {
        state.withLock {
            $0.paused = false; $0.asked.append("resume")
        }
    }

    func setSpeed(_ speed: Double) async throws {
        guard speed > 0, speed <= 1_000 else { throw ExerciseError() }
        state.withLock {
            $0.speed = speed; $0.asked.append("speed \(Int(speed))")
        }
    }

    struct ExerciseError: Error, CustomStringConvertible {
        var description: String { "speed must be above 0 and at most 1000" }
    }
}
