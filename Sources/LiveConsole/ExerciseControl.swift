public import StrictJSON

/// The instructor's handle on a running exercise (`flowgate demo --console`): pause, resume, change the speed;
/// its status (and the scorecard once it ends) travels with every snapshot.
public protocol ExerciseControl: Sendable {
    /// `{"state": "running" | "paused" | "finished", "speed": …, "scenario_time": …, "fraction": …,
    /// "scorecard": …}`.
    func status() async -> JSONValue
    func pause() async
    func resume() async
    /// - Throws: when the speed is not a positive number within the exercise's limits.
    func setSpeed(_ speed: Double) async throws
}
