import Adapters
import Compliance
import Foundation
import Geo
import StrictJSON
import Testing

@Suite("MAVLink JSON from MAVProxy's mqtt module")
struct MAVLinkJSONAdapterTests {
    static let noon = try! RFC3339.parse("2026-11-28T12:00:00Z")

    static func adapter() throws -> MAVLinkJSONAdapter {
        MAVLinkJSONAdapter(
            prefix: try TopicPattern("mavlink/{drone}"), missions: MissionAssignments(["drone7": "M-0412"]))
    }

    /// The sample flight: (topic, payload) per line.
    static func flight() throws -> [(String, [UInt8])] {
        let text = String(decoding: try Samples.bytes("mavlink/mavproxy_mqtt_flight.jsonl"), as: UTF8.self)
        return try text.split(separator: "\n").map { line in
            let object = try #require(try JSONParser.parse(String(line)).objectValue)
            let topic = try #require(object["topic"]?.stringValue)
            let payload = try #require(object["payload"])
            return (topic, JSONWriter.write(payload).bytes)
        }
    }

    @Test("the sample flight: 4 heartbeats (armed), 20 fixes in degE7, mm, cm/s and cdeg, converted")
    func sampleFlight() throws {
        var adapter = try Self.adapter()
        var fixes: [AdaptedTelemetry] = []
        var heartbeats = 0
        for (index, (topic, payload)) in try Self.flight().enumerated() {
            let received = Self.noon.addingTimeInterval(Double(index) * 0.2)
            switch try adapter.decode(topic: topic, payload: payload, receivedAt: received) {
            case .heartbeat(let drone, let armed):
                #expect(drone == "drone7")
                #expect(armed)  // base_mode 209 = 128 + 81
                heartbeats += 1
            case .telemetry(let adapted):
                #expect(adapted.fix.time == received)
                fixes.append(adapted)
            case .systemTime:
                Issue.record("the sample flight has no SYSTEM_TIME")
            }
        }
        #expect(heartbeats == 4)
        #expect(fixes.count == 20)
        let first = try #require(fixes.first)
        #expect(first.source == .mavlinkJSON)
        #expect(first.armed == true)
        #expect(first.fix.drone == "drone7")
        #expect(first.fix.mission == "M-0412")
        #expect(first.fix.seq == 600_000)
        #expect(first.fix.position == GeoPoint(latitude: 52.5163, longitude: 13.3777))
        #expect(first.fix.altitude == 114)
        #expect(first.fix.altitudeReference == .amsl)
        #expect(first.fix.velocity?.track == 26.57)
        #expect(abs((first.fix.velocity?.groundSpeed ?? 0) - (2.22 * 2.22 + 1.11 * 1.11).squareRoot()) < 1e-12)
        #expect(first.fix.velocity?.verticalSpeed == 0)
        #expect(zip(fixes, fixes.dropFirst()).allSatisfy { $0.fix.seq < $1.fix.seq })
        #expect(fixes[1].fix.position.latitude == 52.51632)
    }

    func position(_ overrides: String = "") -> [UInt8] {
        var fields: [String: String] = [
            "time_boot_ms": "1000", "lat": "525163000", "lon": "133777000", "alt": "114000", "relative_alt": "80000",
            "vx": "0", "vy": "0", "vz": "-150", "hdg": "65535",
        ]
        for pair in overrides.split(separator: ",") {
            let parts = pair.split(separator: "=").map(String.init)
            fields[parts[0]] = parts.count > 1 ? parts[1] : nil
        }
        return
            ("{" + fields.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",") + "}")
            .bytes
    }

    func refusal(_ payload: [UInt8], topic: String = "mavlink/drone7/GLOBAL_POSITION_INT") throws -> Rejection? {
        var adapter = try Self.adapter()
        return rejection { () throws(Rejection) in
            try adapter.decode(topic: topic, payload: payload, receivedAt: Self.noon)
        }
    }

    @Test("hdg 65535 is an unknown track; vz down-positive becomes a climb; no heartbeat yet means armed unknown")
    func sentinels() throws {
        var adapter = try Self.adapter()
        let outcome = try adapter.decode(
            topic: "mavlink/drone7/GLOBAL_POSITION_INT", payload: position(), receivedAt: Self.noon)
        guard case .telemetry(let adapted) = outcome else { Issue.record("expected a fix"); return }
        #expect(adapted.fix.velocity?.track == nil)
        #expect(adapted.fix.velocity?.verticalSpeed == 1.5)
        #expect(adapted.armed == nil)
    }

    @Test("a disarmed heartbeat is recorded; a ground station's heartbeat is not the aircraft's")
    func heartbeats() throws {
        var adapter = try Self.adapter()
        let base = #""autopilot":3,"custom_mode":0,"system_status":3,"mavlink_version":3"#
        _ = try adapter.decode(
            topic: "mavlink/drone7/HEARTBEAT", payload: #"{"type":2,"base_mode":81,\#(base)}"#.bytes,
            receivedAt: Self.noon)
        #expect(adapter.armedByDrone["drone7"] == false)
        _ = try adapter.decode(
            topic: "mavlink/drone7/HEARTBEAT", payload: #"{"type":6,"base_mode":192,\#(base)}"#.bytes,
            receivedAt: Self.noon)
        #expect(adapter.armedByDrone["drone7"] == false)
    }

    @Test("refusals: 0/0, out of range, strings, missing fields, other types, other prefixes, unmapped drones")
    func refusals() throws {
        #expect(try refusal(position("lat=0,lon=0"))?.problem.contains("no position fix") == true)
        #expect(try refusal(position("lat=950000000"))?.field == "lat")
        #expect(try refusal(position("hdg=36000"))?.field == "hdg")
        #expect(try refusal(position("lat=\"525163000\""))?.problem == "expected a number, found string")
        #expect(try refusal(position("lat=52.5"))?.problem == "expected a whole number")
        #expect(try refusal(position("time_boot_ms"))?.field == "time_boot_ms")
        #expect(try refusal(position(), topic: "mavlink/drone7/ATTITUDE")?.code == .unknownTopic)
        #expect(try refusal(position(), topic: "other/drone7/GLOBAL_POSITION_INT")?.code == .unknownTopic)
        #expect(try refusal(position(), topic: "mavlink/drone8/GLOBAL_POSITION_INT")?.code == .unknownTopic)
        #expect(try refusal(position("mavpackettype=\"HEARTBEAT\""))?.field == "mavpackettype")
    }

    static func systemTime(unixMicroseconds: Int, bootMilliseconds: Int) -> [UInt8] {
        #"{"mavpackettype":"SYSTEM_TIME","time_unix_usec":\#(unixMicroseconds),"time_boot_ms":\#(bootMilliseconds)}"#
            .bytes
    }

    func fixTime(_ adapter: inout MAVLinkJSONAdapter, boot: Int, receivedAt: Date) throws -> Date {
        let outcome = try adapter.decode(
            topic: "mavlink/drone7/GLOBAL_POSITION_INT", payload: position("time_boot_ms=\(boot)"),
            receivedAt: receivedAt)
        guard case .telemetry(let adapted) = outcome else { throw Rejection(.invalidField, problem: "not a fix") }
        return adapted.fix.time
    }

    @Test("SYSTEM_TIME places the boot clock: fixes carry the autopilot's time, not the arrival's, until a reboot")
    func bootClock() throws {
        var adapter = try Self.adapter()
        let late = Self.noon.addingTimeInterval(3.7)
        // Before any SYSTEM_TIME: the arrival time.
        #expect(try fixTime(&adapter, boot: 1_000, receivedAt: late) == late)
        // 12:00:00.250 UTC was boot time 2,000 ms.
        let unix = Int(Self.noon.timeIntervalSince1970) * 1_000_000 + 250_000
        let outcome = try adapter.decode(
            topic: "mavlink/drone7/SYSTEM_TIME",
            payload: Self.systemTime(unixMicroseconds: unix, bootMilliseconds: 2_000),
            receivedAt: late)
        guard case .systemTime("drone7", let clock?) = outcome else { Issue.record("expected a clock"); return }
        #expect(clock.anchorBootMilliseconds == 2_000)
        // A fix 1.5 s of boot clock later is 12:00:01.750, however late it arrives.
        #expect(try fixTime(&adapter, boot: 3_500, receivedAt: late) == Self.noon.addingTimeInterval(1.75))
        #expect(try fixTime(&adapter, boot: 2_000, receivedAt: late) == Self.noon.addingTimeInterval(0.25))
        // A reading a little below the anchor is an old message of this boot (a replay): its own, older time, and
        // the anchor stays for the fixes after it.
        #expect(try fixTime(&adapter, boot: 1_500, receivedAt: late) == Self.noon.addingTimeInterval(-0.25))
        #expect(adapter.bootClockByDrone["drone7"] == clock)
        #expect(try fixTime(&adapter, boot: 4_000, receivedAt: late) == Self.noon.addingTimeInterval(2.25))
        // A reading under half the anchor is a later boot: back to the arrival time, and the anchor is dropped.
        #expect(try fixTime(&adapter, boot: 500, receivedAt: late) == late)
        #expect(adapter.bootClockByDrone["drone7"] == nil)
        #expect(try fixTime(&adapter, boot: 3_500, receivedAt: late) == late)
    }

    @Test("SYSTEM_TIME without a time (0) drops the anchor; nonsense is refused")
    func systemTimeEdges() throws {
        var adapter = try Self.adapter()
        let unix = Int(Self.noon.timeIntervalSince1970) * 1_000_000
        _ = try adapter.decode(
            topic: "mavlink/drone7/SYSTEM_TIME", payload: Self.systemTime(unixMicroseconds: unix, bootMilliseconds: 0),
            receivedAt: Self.noon)
        #expect(adapter.bootClockByDrone["drone7"] != nil)
        let none = try adapter.decode(
            topic: "mavlink/drone7/SYSTEM_TIME", payload: Self.systemTime(unixMicroseconds: 0, bootMilliseconds: 9),
            receivedAt: Self.noon)
        #expect(none == .systemTime(drone: "drone7", clock: nil))
        #expect(adapter.bootClockByDrone["drone7"] == nil)
        let topic = "mavlink/drone7/SYSTEM_TIME"
        #expect(
            try refusal(Self.systemTime(unixMicroseconds: 5_000, bootMilliseconds: 9), topic: topic)?.field
                == "time_unix_usec")
        #expect(
            try refusal(Self.systemTime(unixMicroseconds: -1, bootMilliseconds: 9), topic: topic)?.field
                == "time_unix_usec")
        #expect(try refusal(#"{"time_unix_usec":1}"#.bytes, topic: topic)?.field == "time_boot_ms")
        #expect(
            try refusal(Self.systemTime(unixMicroseconds: unix, bootMilliseconds: 9).dropLast(), topic: topic)?
                .code == .malformedJSON)
    }
}
