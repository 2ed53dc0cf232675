import Foundation
import StrictJSON
import Testing

/// The instructor's controls over HTTP: only for a logged-in operator with the CSRF token, and the exercise's
/// state in every snapshot.
@Suite("Live console: exercise controls", .serialized)
struct ConsoleExerciseTests {
    @Test("pause, speed and resume reach the exercise; without a login or the token they are refused")
    func controls() async throws {
        let exercise = RecordingExercise()
        let harness = try await ConsoleHarness.start(exercise: exercise)
        let client = ConsoleClient(base: harness.base)
        #expect(try await client.send("POST", "/api/exercise", ["action": "pause"]).status == 401)
        try await client.login("alice", ConsoleHarness.passwords["alice"]!)
        #expect(try await client.send("POST", "/api/exercise", ["action": "pause"], csrf: false).status == 403)
        #expect(exercise.asked.isEmpty, "nothing reached the exercise")

        let paused = try await client.send("POST", "/api/exercise", ["action": "pause"])
        #expect(paused.status == 200)
        #expect(paused.json["state"] == "paused")
        #expect(try await client.send("POST", "/api/exercise", ["action": "speed", "speed": .number(0)]).status == 400)
        #expect(
            try await client.send("POST", "/api/exercise", ["action": "speed", "speed": .number(50)]).status == 200)
        #expect(try await client.send("POST", "/api/exercise", ["action": "rewind"]).status == 400)
        #expect(try await client.send("POST", "/api/exercise", ["action": "resume"]).status == 200)
        #expect(exercise.asked == ["pause", "speed 50", "resume"])
        let snapshot = try await client.snapshot { $0["exercise"]?["speed"]?.doubleValue == 50 }
        #expect(snapshot["exercise"]?["state"] == "running")
        try await harness.stop()
    }
}
