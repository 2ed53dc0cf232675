import Foundation
import StrictJSON
import Testing

@testable import Simulation

/// An exercise is generated as it is consumed, in memory that does not grow with its length: the generator
/// keeps what its faults need (a replay fault's look-back, nothing for a drone without one), never the
/// messages it has handed out.
@Suite("Exercises are generated as a stream")
struct StreamingGenerationTests {
    /// Calm march, an hour long at 10 Hz, with one replay fault late in it (30 s back) on D1.
    static func longExercise() throws -> Exercise {
        var object = try SimulationFixtures.minimal()
        object["duration_s"] = .number(3_600)
        object["drones"] = .array(
            (object["drones"]?.arrayValue ?? []).map { drone in
                var drone = drone.objectValue ?? [:]
                drone["telemetry_hz"] = .number(10)
                return .object(drone)
            })
        object["faults"] = .array([
            .object([
                "at_s": .number(3_400), "drone": .string("D1"), "fault": .string("replayed_seq"),
                "params": .object(["back_s": .number(30)]),
            ])
        ])
        return try Exercise.load(SimulationFixtures.write(object))
    }

    @Test("what the generator keeps stays bounded over an hour, and the late replay still finds its fix")
    func boundedState() throws {
        let exercise = try Self.longExercise()
        var generator = exercise.messages().makeIterator()
        var count = 0
        var largestHistory: [String: Int] = [:]
        var largestHeap = 0
        var replays: [(message: SimulatedMessage, original: SimulatedMessage?)] = []
        // D1's last 400 fixes (40 s), to find what the replay repeats.
        var recentD1: [SimulatedMessage] = []
        while let message = generator.next() {
            count += 1
            if message.truth.fault == FaultKind.replayedSeq.rawValue {
                replays.append((message, recentD1.first { $0.payload == message.payload }))
            } else if message.drone == "D1", message.topic.hasSuffix("/telemetry") {
                recentD1.append(message)
                if recentD1.count > 400 { recentD1.removeFirst() }
            }
            if count % 1_000 == 0 {
                for drone in generator.drones {
                    largestHistory[drone.timeline.spec.id, default: 0] = max(
                        largestHistory[drone.timeline.spec.id, default: 0], drone.history.count)
                }
                largestHeap = max(largestHeap, generator.heap.count)
            }
        }
        // 3 drones at 10 Hz for an hour, and their payload streams.
        #expect(count > 108_000)
        // D1 keeps 30 s and two fix periods at 10 Hz; the others, with no replay fault, keep nothing.
        #expect(largestHistory["D1"].map { (300...303).contains($0) } == true, "\(largestHistory)")
        #expect(largestHistory["D2"] == 0 && largestHistory["D3"] == 0, "\(largestHistory)")
        // One scheduled event per telemetry source and stream.
        #expect(largestHeap <= exercise.scenario.drones.reduce(0) { $0 + 1 + $1.streams.count })
        // The replay repeats, byte for byte, the fix D1 sent 30 s before.
        let replay = try #require(replays.first)
        #expect(replays.count == 1 && replay.message.truth.reasons == ["replayed_seq"])
        let original = try #require(replay.original)
        #expect(abs(replay.message.time.timeIntervalSince(original.time) - 30) <= 0.1)
    }
}
