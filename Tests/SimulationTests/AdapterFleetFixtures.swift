import Foundation
import Simulation
import StrictJSON
import TestSupport

/// The mixed-fleet scenario, and the same exercise with every drone publishing native telemetry.
enum AdapterFleetFixtures {
    static let mixedFleet = SimulationFixtures.scenario("mixed-fleet")

    /// A MAVLink bridge's status message (HEARTBEAT, SYSTEM_TIME): it has no native twin.
    static func isMAVLinkStatus(_ topic: String) -> Bool { ScenarioFiles.isMAVLinkStatus(topic) }

    /// The mixed-fleet scenario as JSON, its bundle an absolute path (so that a modified copy loads elsewhere).
    static func mixedFleetJSON() throws -> JSONObject { try ScenarioFiles.json("mixed-fleet") }

    /// `object` with every drone's `format` removed: the same flights and faults in native telemetry.
    static func native(_ object: JSONObject) -> JSONObject { ScenarioFiles.native(object) }

    /// Generated once for all tests: the mixed fleet and its native twin.
    static let messages: (mixed: [SimulatedMessage], native: [SimulatedMessage]) = {
        let object = try! mixedFleetJSON()
        let mixed = try! Exercise.load(try! SimulationFixtures.write(object))
        let twin = try! Exercise.load(try! SimulationFixtures.write(AdapterFleetFixtures.native(object)))
        return (Array(mixed.messages()), Array(twin.messages()))
    }()
}
