import Foundation
import Simulation
import StrictJSON
import Testing

@Suite("Scenario files")
struct ScenarioLoadingTests {
    @Test("the shipped scenarios load", arguments: ["calm-march", "training-day", "fleet-200"])
    func shipped(name: String) throws {
        let exercise = try Exercise.load(SimulationFixtures.scenario(name))
        #expect(exercise.scenario.name == name)
        #expect(!exercise.drones.isEmpty)
    }

    @Test("training-day scripts every fault at least once")
    func everyFault() throws {
        let exercise = try Exercise.load(SimulationFixtures.scenario("training-day"))
        #expect(Set(exercise.scenario.faults.map(\.kind)) == Set(FaultKind.allCases))
    }

    /// Loads `object` and returns the text of its problems.
    func problems(_ object: JSONObject) throws -> String {
        let url = try SimulationFixtures.write(object)
        do {
            _ = try Exercise.load(url)
            return ""
        } catch {
            return error.description
        }
    }

    func mutateDrone(_ object: inout JSONObject, _ change: (inout JSONObject) -> Void) {
        var drones = object["drones"]!.arrayValue!
        var first = drones[0].objectValue!
        change(&first)
        drones[0] = .object(first)
        object["drones"] = .array(drones)
    }

    @Test("a value out of range is named by its path and value")
    func outOfRange() throws {
        var object = try SimulationFixtures.minimal()
        mutateDrone(&object) { drone in
            var route = drone["route"]!.arrayValue!
            var point = route[1].objectValue!
            point["lat"] = .number(95.5)
            route[1] = .object(point)
            drone["route"] = .array(route)
        }
        let text = try problems(object)
        #expect(text.contains("scenario.json: drones[0].route[1].lat = 95.5: must be within -90.0 ... 90.0"))
    }

    @Test("unknown fields, faults and drones are refused, all reported together")
    func unknownNames() throws {
        var object = try SimulationFixtures.minimal()
        object["sede"] = .number(3)
        object["faults"] = .array([
            .object(["at_s": .number(10), "drone": "D1", "fault": "teleport"]),
            .object(["at_s": .number(10), "drone": "D9", "fault": "telemetry_dropout"]),
            .object([
                "at_s": .number(10), "drone": "D1", "fault": "clock_skew", "params": .object(["ofset_s": .number(5)]),
            ]),
        ])
        let text = try problems(object)
        #expect(text.contains("sede = 3: unknown field"))
        #expect(text.contains("faults[0].fault = \"teleport\": unknown fault"))
        #expect(text.contains("faults[1].drone = \"D9\": names no drone of the scenario"))
        #expect(text.contains("faults[2].params.ofset_s = 5: unknown field"))
    }

    @Test("a route leaving the operation area is refused with the waypoint and position")
    func routeOutside() throws {
        var object = try SimulationFixtures.minimal()
        mutateDrone(&object) { drone in
            var route = drone["route"]!.arrayValue!
            var point = route[0].objectValue!
            point["lat"] = .number(52.5300)
            route[0] = .object(point)
            drone["route"] = .array(route)
        }
        let text = try problems(object)
        #expect(text.contains("drones[0].route[0] = (52.530000, 13.370500)"))
        #expect(text.contains("outside_operation_area"))
    }

    @Test("a fault that would not do what it says is refused")
    func faultChecked() throws {
        var object = try SimulationFixtures.minimal()
        object["faults"] = .array([
            .object([
                "at_s": .number(10), "drone": "D1", "fault": "enter_no_fly",
                "params": .object(["lat": .number(52.5160), "lon": .number(13.3740)]),
            ])
        ])
        #expect(
            try problems(object).contains(
                "faults[0] = \"enter_no_fly\": the target (params.lat, params.lon) is in no active no-fly zone"))
    }

    @Test("a missing bundle is reported with its path")
    func missingBundle() throws {
        var object = try SimulationFixtures.minimal()
        object["bundle"] = "no-such-site"
        let text = try problems(object)
        #expect(text.contains("bundle = \""))
        #expect(text.contains("no-such-site"))
    }
}
