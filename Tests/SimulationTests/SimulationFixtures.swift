import Foundation
import Simulation
import StrictJSON
import TestSupport

/// The shipped scenarios and a temporary scenario folder for tests.
enum SimulationFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let scenarios = root.appendingPathComponent("Simulator/Scenarios")

    static func scenario(_ name: String) -> URL { scenarios.appendingPathComponent("\(name).json") }

    /// The training day's messages for its own seed, generated once for all tests.
    static let trainingDay: [SimulatedMessage] = {
        let exercise = try! Exercise.load(scenario("training-day"))
        return Array(exercise.messages())
    }()

    /// Writes `object` as a scenario file in a fresh temporary folder.
    static func write(_ object: JSONObject) throws -> URL { try ScenarioFiles.write(object) }

    /// A small valid scenario on the demo site, as JSON to modify.
    static func minimal() throws -> JSONObject {
        let text = try String(contentsOf: scenario("calm-march"), encoding: .utf8)
        var object = try JSONParser.parse(text).objectValue!
        object["bundle"] = .string(root.appendingPathComponent("Geofences/berlin-pariser-platz").path)
        return object
    }

    static func json(_ message: SimulatedMessage) -> JSONObject? {
        (try? JSONParser.parse(message.payload))?.objectValue
    }
}
