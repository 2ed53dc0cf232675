import Foundation
import Geo
import MQTT
import Simulation
import TestSupport
import Testing

/// Publishing through a real mosquitto with the shipped ACLs: each drone authenticates as itself.
@Suite("Publishing an exercise", .serialized)
struct PublisherTests {
    static let drones = ["D1", "D2", "D3"]

    static func broker() throws -> TestBroker {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-sim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let passwords = folder.appendingPathComponent("passwd")
        for (index, user) in (["flowgate-ingress"] + drones).enumerated() {
            let tool = Process()
            tool.executableURL = URL(fileURLWithPath: "/usr/bin/mosquitto_passwd")
            tool.arguments = (index == 0 ? ["-c"] : []) + ["-b", passwords.path, user, "secret-\(user)"]
            try tool.run()
            while tool.isRunning { usleep(10_000) }
        }
        let acl = SimulationFixtures.root.appendingPathComponent("Deploy/mosquitto.acl").path
        return try TestBroker(
            extraConfiguration: "allow_anonymous false\npassword_file \(passwords.path)\nacl_file \(acl)")
    }

    @Test("every message arrives, in order per drone, each drone publishing as itself")
    func publishes() async throws {
        let broker = try PublisherTests.broker()
        let exercise = try Exercise.load(SimulationFixtures.scenario("calm-march"))
        let messages = Array(exercise.messages().prefix(150))
        var options = MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "sim-test-reader")
        options.username = "flowgate-ingress"
        options.password = "secret-flowgate-ingress"
        let reader = try MQTTClient(options: options)
        try await reader.connect()
        try await reader.subscribe("fleet/#", qos: 1)
        let collector = Task { () -> [MQTTMessage] in
            var received: [MQTTMessage] = []
            for await message in reader.messages {
                received.append(message)
                if received.count == messages.count { break }
            }
            return received
        }
        let clock = ExerciseClock(start: exercise.scenario.start, anchor: Date(), rate: 500)
        var observed = 0
        var last: ExerciseProgress?
        try await ExercisePublisher(host: "127.0.0.1", port: broker.port, drones: exercise.drones) { "secret-\($0)" }
            .run(messages, clock: clock, duration: 30, observe: { _ in observed += 1 }, progress: { last = $0 })
        let timeout = Task {
            try await Task.sleep(for: .seconds(20))
            collector.cancel()
        }
        let received = await collector.value
        timeout.cancel()
        reader.disconnect()
        #expect(observed == messages.count)
        #expect(last?.published == messages.count && last?.fraction == 1)
        #expect(received.count == messages.count)
        for drone in PublisherTests.drones {
            let sent = messages.filter { $0.drone == drone }.map(\.payload)
            let got = received.filter { $0.topic.hasPrefix("fleet/\(drone)/") }.map(\.payload)
            #expect(!sent.isEmpty && got == sent)
        }
    }
}
