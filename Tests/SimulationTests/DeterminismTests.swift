import Foundation
import Geo
import Simulation
import Testing

@Suite("Deterministic generation")
struct DeterminismTests {
    func prefix(seed: UInt64, count: Int = 3_000) throws -> [SimulatedMessage] {
        Array(try Exercise.load(SimulationFixtures.scenario("training-day")).messages(seed: seed).prefix(count))
    }

    @Test("the same seed gives the same messages, byte for byte")
    func sameSeed() throws {
        let first = try prefix(seed: 7)
        let second = try prefix(seed: 7)
        #expect(first.map(\.payload) == second.map(\.payload))
        #expect(first.map(\.topic) == second.map(\.topic))
        #expect(first.map(\.truth.json) == second.map(\.truth.json))
    }

    @Test("a different seed gives different crowd data")
    func differentSeed() throws {
        let first = try prefix(seed: 7)
        let second = try prefix(seed: 8)
        #expect(first.map(\.topic) == second.map(\.topic))
        #expect(first.map(\.payload) != second.map(\.payload))
    }

    @Test("messages come in time order and the truth indexes them from 1")
    func ordered() throws {
        let messages = try prefix(seed: 1)
        #expect(zip(messages, messages.dropFirst()).allSatisfy { $0.time <= $1.time })
        #expect(messages.map(\.truth.index) == Array(1...messages.count))
    }

    @Test("a truth line reads back as written")
    func truthRoundTrip() throws {
        for message in try prefix(seed: 1, count: 50) {
            #expect(try TruthLine(line: message.truth.json) == message.truth)
        }
    }

    @Test("the exercise clock maps scenario time to wall time and back")
    func clock() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let anchor = Date(timeIntervalSince1970: 1_700_000_000)
        let clock = ExerciseClock(start: start, anchor: anchor, rate: 25)
        #expect(clock.now(wall: anchor.addingTimeInterval(2)) == start.addingTimeInterval(50))
        #expect(clock.wallTime(for: start.addingTimeInterval(100)) == anchor.addingTimeInterval(4))
    }
}
