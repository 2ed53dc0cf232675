import Foundation
import Simulation
import StrictJSON

/// The mixed-fleet scenario, and the same exercise with every drone publishing native telemetry.
enum AdapterFleetFixtures {
    static let mixedFleet = SimulationFixtures.scenario("mixed-fleet")

    /// A MAVLink bridge's status message (HEARTBEAT, SYSTEM_TIME): it has no native twin.
    static func isMAVLinkStatus(_ topic: String) -> Bool {
        topic.hasSuffix("/HEARTBEAT") || topic.hasSuffix("/SYSTEM_TIME")
    }

    /// The mixed-fleet scenario as JSON, its bundle an absolute path (so that a modified copy loads elsewhere).
    static func mixedFleetJSON() throws -> JSONObject {
        var object = try JSONParser.parse(try String(contentsOf: mixedFleet, encoding: .utf8)).objectValue!
        object["bundle"] = .string(SimulationFixtures.scenarios.appendingPathComponent("mixed-fleet-site").path)
        return object
    }

    /// `object` with every drone's `format` removed: the same flights and faults in native telemetry.
    static func native(_ object: JSONObject) -> JSONObject {
        var copy = object
        copy["drones"] = .array(
            object["drones"]!.arrayValue!.map { drone in
                var fields = drone.objectValue!
                fields["format"] = nil
                return .object(fields)
            })
        return copy
    }

    /// Generated once for all tests: the mixed fleet and its native twin.
    static let messages: (mixed: [SimulatedMessage], native: [SimulatedMessage]) = {
        let object = try! mixedFleetJSON()
        let mixed = try! Exercise.load(try! SimulationFixtures.write(object))
        let twin = try! Exercise.load(try! SimulationFixtures.write(AdapterFleetFixtures.native(object)))
        return (Array(mixed.messages()), Array(twin.messages()))
    }()
}
