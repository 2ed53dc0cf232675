import Foundation
import Geo
import Simulation
import StrictJSON
import Testing

@Suite("Drones publishing DJI Cloud API, MAVLink JSON and Remote ID")
struct AdapterFormatTests {
    static let datum = (ground: 34.0, undulation: 39.6)  // the demo site's

    func json(_ message: SimulatedMessage) throws -> JSONObject {
        try #require(SimulationFixtures.json(message))
    }

    func number(_ object: JSONObject?, _ path: String...) throws -> Double {
        var value: JSONValue? = object.map(JSONValue.object)
        for key in path { value = value?[key] }
        return try #require(value?.doubleValue, "\(path.joined(separator: "."))")
    }

    @Test("the mixed-fleet scenario loads: one drone of each format, the adapters section names the foreign three")
    func loads() throws {
        let exercise = try Exercise.load(AdapterFleetFixtures.mixedFleet)
        #expect(Set(exercise.scenario.drones.map(\.format)) == Set(WireFormat.allCases))
        let adapters = exercise.adapters
        #expect(adapters.missions == ["1581F5BKD225D00A": "M-0412", "drone7": "M-0412", "RID-4": "M-0412"])
        #expect(adapters.djiCloudAPI && adapters.mavlinkPrefix == "mavlink/{drone}")
        #expect(adapters.remoteIDTopic == "rid/{drone}/state")
        #expect(adapters.yaml.hasPrefix("adapters:\n  missions:\n    1581F5BKD225D00A: M-0412\n"))
        let shipped = try String(
            contentsOf: SimulationFixtures.scenarios.appendingPathComponent("mixed-fleet-site/flowgate.yaml"),
            encoding: .utf8)
        #expect(shipped.hasSuffix(adapters.yaml.replacingOccurrences(of: "adapters:\n", with: "")))
        let native = try Exercise.load(SimulationFixtures.scenario("training-day"))
        #expect(native.adapters.isEmpty && native.adapters.yaml.isEmpty)
    }

    @Test("each format's telemetry is the native fix in the format's units; payloads are the same bytes")
    func unitsConverted() throws {
        let (mixed, native) = AdapterFleetFixtures.messages
        let withoutStatus = mixed.filter { !AdapterFleetFixtures.isMAVLinkStatus($0.topic) }
        try #require(withoutStatus.count == native.count)
        var checked: [String: Int] = [:]
        for (wire, plain) in zip(withoutStatus, native) {
            #expect(wire.time == plain.time && wire.drone == plain.drone)
            if plain.topic.contains("/payload/") {
                #expect(wire.topic == plain.topic && wire.payload == plain.payload)
                continue
            }
            // Refused messages (malformed, oversized) are not fixes.
            guard plain.truth.reasons.allSatisfy({ !["malformed_json", "message_too_large"].contains($0) }),
                let fix = SimulationFixtures.json(plain), let message = SimulationFixtures.json(wire)
            else { continue }
            let lat = try number(fix, "position", "lat"), lon = try number(fix, "position", "lon")
            let agl = try number(fix, "position", "alt_m")
            #expect(fix["position"]?["alt_ref"] == "AGL")
            let speed = try number(fix, "velocity", "ground_speed_mps")
            let wgs84 = agl + Self.datum.ground + Self.datum.undulation
            switch wire.topic {
            case let topic where topic.hasPrefix("thing/product/"):
                #expect(topic == "thing/product/\(wire.drone)/osd")
                let data = message["data"]?.objectValue
                #expect(try number(data, "latitude") == lat && number(data, "longitude") == lon)
                #expect(abs(try number(data, "height") - wgs84) < 0.006)
                #expect(abs(try number(data, "horizontal_speed") - speed) < 0.06)
                let head = try number(data, "attitude_head")
                #expect((-180...180).contains(head))
                let track = try number(fix, "velocity", "track_deg")
                #expect(abs((head + 360).truncatingRemainder(dividingBy: 360) - track) < 0.11)
                // The fix's own time (a replayed report carries its old one).
                let time = try RFC3339.parse(try #require(fix["time"]?.stringValue))
                #expect(try number(message, "timestamp") == (time.timeIntervalSince1970 * 1000).rounded())
            case let topic where topic.hasPrefix("mavlink/"):
                #expect(topic == "mavlink/\(wire.drone)/GLOBAL_POSITION_INT")
                #expect(try number(message, "lat") == (lat * 1e7).rounded())
                #expect(try number(message, "lon") == (lon * 1e7).rounded())
                #expect(abs(try number(message, "alt") - (agl + Self.datum.ground) * 1000) < 1)
                #expect(abs(try number(message, "relative_alt") - agl * 1000) < 1)
                let (vx, vy) = (try number(message, "vx"), try number(message, "vy"))
                #expect(abs((vx * vx + vy * vy).squareRoot() / 100 - speed) < 0.06)
                #expect(
                    abs(try number(message, "vz") / -100 - number(fix, "velocity", "vertical_speed_mps")) < 0.06)
                #expect((0..<36_000).contains(try number(message, "hdg")))
            case let topic where topic.hasPrefix("rid/"):
                #expect(topic == "rid/\(wire.drone)/state")
                let position = message["position"]?.objectValue
                #expect(try number(position, "lat") == lat && number(position, "lng") == lon)
                #expect(abs(try number(position, "alt") - wgs84) < 0.06)
                #expect(position?["height"]?["reference"] == "GroundLevel")
                #expect(message["timestamp"]?["value"] == fix["time"])
            default:
                #expect(wire.topic == plain.topic && wire.payload == plain.payload)
            }
            checked[String(wire.topic.prefix { $0 != "/" }), default: 0] += 1
        }
        #expect(checked.keys.sorted() == ["fleet", "mavlink", "rid", "thing"])
        #expect(checked.values.allSatisfy { $0 > 100 })
    }

    @Test("the MAVLink bridge relays a heartbeat and SYSTEM_TIME every second; their truth is absorb, never a block")
    func heartbeats() throws {
        let (mixed, native) = AdapterFleetFixtures.messages
        let heartbeats = mixed.filter { $0.topic == "mavlink/drone7/HEARTBEAT" }
        let systemTimes = mixed.filter { $0.topic == "mavlink/drone7/SYSTEM_TIME" }
        // 600 s of flight; the MAVLink drone has no dropout.
        #expect(heartbeats.count == 600 && systemTimes.count == 600)
        #expect(mixed.count == native.count + heartbeats.count + systemTimes.count)
        for status in heartbeats + systemTimes {
            #expect(status.truth.expected == .absorb && status.truth.reasons.isEmpty)
            #expect(status.truth.fault == nil)
        }
        for heartbeat in heartbeats { #expect(try json(heartbeat)["base_mode"] == .number(209)) }
        // Each SYSTEM_TIME says which Unix time (µs) its boot-clock reading (ms) was: the exercise's clock.
        for systemTime in systemTimes {
            let object = try json(systemTime)
            let unix = try #require(object["time_unix_usec"]?.doubleValue)
            let boot = try #require(object["time_boot_ms"]?.doubleValue)
            #expect(unix == (systemTime.time.timeIntervalSince1970 * 1e6).rounded())
            #expect(boot == 600_000 + (systemTime.time.timeIntervalSince(systemTimes[0].time) * 1_000).rounded())
        }
        let seconds = heartbeats.map { Int($0.time.timeIntervalSince(heartbeats[0].time)) }
        #expect(seconds == Array(0..<600))
        #expect(!mixed.contains { $0.truth.expected == .absorb && !AdapterFleetFixtures.isMAVLinkStatus($0.topic) })
    }

    @Test("the truth of every fix is the native twin's: the same verdicts and reasons")
    func sameTruth() {
        let (mixed, native) = AdapterFleetFixtures.messages
        let fixes = mixed.filter { !AdapterFleetFixtures.isMAVLinkStatus($0.topic) }
        #expect(fixes.map(\.truth.expected) == native.map(\.truth.expected))
        #expect(fixes.map(\.truth.reasons) == native.map(\.truth.reasons))
        #expect(fixes.map(\.truth.fault) == native.map(\.truth.fault))
    }

    /// A fault scripted for a drone whose format cannot carry it, and what the refusal says.
    struct RefusedFault: Sendable, CustomTestStringConvertible {
        var drone: String
        var fault: String
        var params: JSONObject
        var problem: String
        var testDescription: String { "\(fault) on \(drone)" }
    }

    static let unsupported = [
        RefusedFault(
            drone: "1581F5BKD225D00A", fault: "spoofed_drone_id", params: ["as": "D1"], problem: "no drone id to spoof"),
        RefusedFault(
            drone: "RID-4", fault: "clock_skew", params: ["offset_s": .number(12)],
            problem: "derives the fix's seq from its time stamp"),
        RefusedFault(
            drone: "RID-4", fault: "expired_authorisation", params: ["mission": "M-0001"], problem: "carries no mission"
        ),
    ]

    @Test("faults a format cannot carry are refused at load, naming the fault's field", arguments: unsupported)
    func refusedFaults(_ refused: RefusedFault) throws {
        let (drone, fault, params, problem) = (refused.drone, refused.fault, refused.params, refused.problem)
        var object = try AdapterFleetFixtures.mixedFleetJSON()
        object["faults"] = .array([
            .object(["at_s": .number(100), "drone": .string(drone), "fault": .string(fault), "params": .object(params)])
        ])
        let url = try SimulationFixtures.write(object)
        let error = try #require(throws: ScenarioError.self) { try Exercise.load(url) }
        #expect(error.issues.count == 1)
        #expect(error.description.contains("faults[0].fault = \"\(fault)\""))
        #expect(error.description.contains(problem))
    }

    @Test("a payload stream's spoofed id is fine for any format; an unknown format is refused with its path")
    func formatField() throws {
        var object = try AdapterFleetFixtures.mixedFleetJSON()
        object["faults"] = .array([
            .object([
                "at_s": .number(100), "drone": "1581F5BKD225D00A", "fault": "spoofed_drone_id",
                "params": .object(["stream": "cam0", "as": "D1"]),
            ])
        ])
        _ = try Exercise.load(try SimulationFixtures.write(object))
        var drones = object["drones"]!.arrayValue!
        var first = drones[0].objectValue!
        first["format"] = "mavlink_v2"
        drones[0] = .object(first)
        object["drones"] = .array(drones)
        let error = try #require(throws: ScenarioError.self) { try Exercise.load(try SimulationFixtures.write(object)) }
        #expect(error.description.contains("drones[0].format = \"mavlink_v2\": unknown format (known: native"))
    }
}
