import Compliance
import Foundation
import Gateway
import GatewayTestSupport
import Geo
import Pipeline
import StrictJSON
import Testing

/// Each adapter end to end through ``Replay``: recordings with adapter messages become the same verdicts as
/// native telemetry, and egress is native JSON that names its `source`.
@Suite("Adapters through replay")
struct AdapterReplayTests {
    static let samples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/testdata")

    static func run(_ replay: inout Replay, _ messages: [RecordedMessage]) -> [JSONObject] {
        messages.enumerated().map { replay.single($0.element, line: $0.offset + 1) }
    }

    static func egress(_ line: JSONObject) -> JSONObject? {
        line["publish"]?.arrayValue?.first { $0["topic"]?.stringValue?.hasPrefix("compliant/") == true }?["payload"]?
            .objectValue
    }

    static func events(_ line: JSONObject) -> [String] {
        line["publish"]?.arrayValue?.compactMap { $0["payload"]?["event"]?.stringValue } ?? []
    }

    @Test("the MAVProxy sample flight: heartbeats withheld, every fix forwarded as native JSON from mavlink_json")
    func mavlinkSampleFlight() throws {
        let text = try String(
            contentsOf: Self.samples.appendingPathComponent("mavlink/mavproxy_mqtt_flight.jsonl"), encoding: .utf8)
        let messages = try text.split(separator: "\n").enumerated().map { index, line in
            // The sample has no times: one message every 200 ms from noon, as MAVProxy would forward them.
            let value = try JSONParser.parse(String(line))
            var object = try #require(value.objectValue)
            object["time"] = .string(RFC3339.format(AdapterSite.noon.addingTimeInterval(Double(index) * 0.2)))
            return try RecordedMessage(line: JSONWriter.write(.object(object)))
        }
        var replay = try AdapterSite.replay()
        let lines = Self.run(&replay, messages)
        #expect(lines.count == 24)
        let heartbeats = lines.filter { $0["topic"]?.stringValue?.hasSuffix("/HEARTBEAT") == true }
        #expect(heartbeats.count == 4)
        #expect(heartbeats.allSatisfy { $0["verdict"] == "withhold" && $0["publish"]?.arrayValue?.isEmpty == true })
        let fixes = lines.filter { $0["topic"]?.stringValue?.hasSuffix("/GLOBAL_POSITION_INT") == true }
        #expect(fixes.count == 20)
        #expect(fixes.allSatisfy { $0["verdict"] == "forward" })
        #expect(fixes.allSatisfy { $0["state"] == "compliant" })
        #expect(fixes.allSatisfy { $0["drone"] == "drone7" })
        let first = try #require(Self.egress(fixes[0]))
        #expect(first["source"] == "mavlink_json")
        #expect(first["mission"] == "M-1")
        #expect(first["seq"]?.doubleValue == 600_000)
        #expect(first["position"]?["alt_m"]?.doubleValue == 114)
        #expect(first["position"]?["alt_ref"] == "AMSL")
        #expect(first["velocity"]?["track_deg"]?.doubleValue == 26.57)
        #expect(first["time"] == "2026-11-28T13:00:00.200Z")
        #expect(replay.pipeline.counts[.forward] == 20)
        #expect(replay.pipeline.counts[.withhold] == 4)
    }

    @Test("MAVLink: an autopilot that reboots in the air restarts time_boot_ms and is accepted with seq_restarted")
    func mavlinkReboot() throws {
        let position = { (bootMilliseconds: Int, second: Int) in
            try RecordedMessage(
                line:
                    #"{"time":"2026-11-28T13:00:\#(String(format: "%02d", second)).000Z","topic":"mavlink/drone7/GLOBAL_POSITION_INT","payload":{"time_boot_ms":\#(bootMilliseconds),"lat":525166800,"lon":133778900,"alt":114000,"relative_alt":80000,"vx":0,"vy":0,"vz":0,"hdg":2657}}"#
            )
        }
        var replay = try AdapterSite.replay()
        let lines = Self.run(
            &replay,
            [
                try position(1_800_000, 1), try position(1_801_000, 2),
                // The reboot: the boot clock starts again; the fix is stamped with its arrival.
                try position(20_000, 30), try position(21_000, 31),
                // A replay of the new count: MAVLink without SYSTEM_TIME is stamped on arrival, so its time is
                // new, but its count is not low: not a restart.
                try position(20_000, 32),
            ])
        #expect(lines.map { $0["verdict"]?.stringValue } == ["forward", "forward", "forward", "forward", "withhold"])
        #expect(Self.events(lines[2]) == ["seq_restarted"])
        #expect(Self.events(lines[4]) == ["integrity_problem"])
    }

    @Test("DJI osd: forwarded with source dji_cloud_api, the ellipsoid height and the dock never the drone")
    func djiOSD() throws {
        var replay = try AdapterSite.replay()
        let topic = "thing/product/\(AdapterSite.dji)/osd"
        let time = AdapterSite.noon
        let line = replay.single(
            RecordedMessage(time: time, topic: topic, payload: AdapterSite.djiOSD(at: time)), line: 1)
        #expect(line["verdict"] == "forward")
        #expect(line["drone"] == .string(AdapterSite.dji))
        #expect(line["state"] == "compliant")
        let egress = try #require(Self.egress(line))
        #expect(egress["source"] == "dji_cloud_api")
        #expect(egress["drone"] == .string(AdapterSite.dji))
        #expect(egress["position"]?["alt_ref"] == "WGS84")
        #expect(egress["velocity"]?["track_deg"]?.doubleValue == 270)
        #expect(egress["battery_pct"]?.doubleValue == 77)
        #expect(!JSONWriter.write(.object(egress)).contains(AdapterSite.dock))
        // The same report again is a replay, withheld as for native telemetry.
        let again = replay.single(
            RecordedMessage(time: time, topic: topic, payload: AdapterSite.djiOSD(at: time)), line: 2)
        #expect(again["verdict"] == "withhold")
        #expect(again["reasons"]?.arrayValue?.first?["code"] == "replayed_seq")
    }

    @Test("the DJI documentation sample (latitude and longitude 0) is rejected as no fix, with its event")
    func djiSampleNoFix() throws {
        var replay = try AdapterSite.replay()
        let payload = [UInt8](
            try Data(contentsOf: Self.samples.appendingPathComponent("dji/dock2_aircraft_osd_example.json")))
        let line = replay.single(
            RecordedMessage(time: AdapterSite.noon, topic: "thing/product/\(AdapterSite.dji)/osd", payload: payload),
            line: 1)
        #expect(line["verdict"] == "reject")
        #expect(line["rejection"]?["code"] == "invalid_field")
        #expect(line["rejection"]?["field"] == "data.latitude")
        #expect(Self.events(line) == ["message_rejected"])
        #expect(line["publish"]?.arrayValue?.first?["topic"] == .string("flowgate/events/\(AdapterSite.dji)"))
        #expect(replay.pipeline.counts.reasons[.rejection(.invalidField)] == 1)
    }

    @Test("Remote ID: sentinels become absent members, source remote_id; an unmapped drone is rejected")
    func remoteID() throws {
        var replay = try AdapterSite.replay()
        let time = AdapterSite.noon
        let line = replay.single(
            RecordedMessage(time: time, topic: "rid/RID1/state", payload: AdapterSite.remoteIDState(at: time)), line: 1)
        #expect(line["verdict"] == "forward")
        let egress = try #require(Self.egress(line))
        #expect(egress["source"] == "remote_id")
        #expect(egress["position"]?["alt_ref"] == "WGS84")
        #expect(egress["velocity"]?.objectValue?.keys == ["ground_speed_mps"])
        let stranger = replay.single(
            RecordedMessage(time: time, topic: "rid/OTHER/state", payload: AdapterSite.remoteIDState(at: time)),
            line: 2)
        #expect(stranger["verdict"] == "reject")
        #expect(stranger["rejection"]?["code"] == "unknown_topic")
    }

    @Test("a drone is one drone whatever it speaks: a native fix after a Remote ID one continues its state")
    func sharedState() throws {
        var replay = try AdapterSite.replay()
        let time = AdapterSite.noon
        _ = replay.single(
            RecordedMessage(time: time, topic: "rid/RID1/state", payload: AdapterSite.remoteIDState(at: time)), line: 1)
        // seq 5 is far below the Remote ID fix's millisecond seq: the engine sees the same drone, whose count
        // started again with a newer time (a restart, not a replay); with an older time it is a replay.
        let native = replay.single(
            RecordedMessage(
                time: time.addingTimeInterval(1), topic: "fleet/RID1/telemetry",
                payload: AdapterSite.nativeFix("RID1", seq: 5, at: time.addingTimeInterval(1))), line: 2)
        #expect(native["verdict"] == "forward")
        #expect(Self.events(native) == ["seq_restarted"])
        let old = replay.single(
            RecordedMessage(
                time: time.addingTimeInterval(2), topic: "fleet/RID1/telemetry",
                payload: AdapterSite.nativeFix("RID1", seq: 4, at: time.addingTimeInterval(-1))), line: 3)
        #expect(old["verdict"] == "withhold")
        #expect(old["reasons"]?.arrayValue?.first?["code"] == "replayed_seq")
    }

    @Test("DJI camera geometry completes the drone's imagery: laser range and zoom put it over the ceiling")
    func djiOptics() throws {
        let time = AdapterSite.noon
        let osd = "thing/product/\(AdapterSite.dji)/osd"
        let payload = "fleet/\(AdapterSite.dji)/payload/cam0"
        var plain = try AdapterSite.replay()
        _ = plain.single(RecordedMessage(time: time, topic: osd, payload: AdapterSite.djiOSD(at: time)), line: 1)
        let unverifiable = plain.single(
            RecordedMessage(
                time: time, topic: payload, payload: AdapterSite.imagery(AdapterSite.dji, seq: 1, at: time)),
            line: 2)
        #expect(unverifiable["verdict"] == "block", "\(JSONWriter.write(.object(unverifiable)))")
        #expect(
            unverifiable["reasons"]?.arrayValue?.map { $0["code"] } == ["optics_unverifiable"],
            "\(unverifiable["rejection"] ?? .null)")

        var zoomed = try AdapterSite.replay()
        let camera: JSONObject = [
            "gimbal_pitch": .number(-30), "zoom_factor": .number(10), "measure_target_distance": .number(60),
            "measure_target_error_state": .number(0),
        ]
        _ = zoomed.single(
            RecordedMessage(time: time, topic: osd, payload: AdapterSite.djiOSD(at: time, camera: camera)), line: 1)
        let blocked = zoomed.single(
            RecordedMessage(
                time: time, topic: payload, payload: AdapterSite.imagery(AdapterSite.dji, seq: 1, at: time)),
            line: 2)
        #expect(blocked["verdict"] == "block")
        #expect(blocked["reasons"]?.arrayValue?.map { $0["code"] } == ["pixel_density_exceeded"])

        var wide = try AdapterSite.replay()
        let far: JSONObject = [
            "gimbal_pitch": .number(-30), "zoom_factor": .number(1), "measure_target_distance": .number(150),
            "measure_target_error_state": .number(0),
        ]
        _ = wide.single(
            RecordedMessage(time: time, topic: osd, payload: AdapterSite.djiOSD(at: time, camera: far)), line: 1)
        let forwarded = wide.single(
            RecordedMessage(
                time: time, topic: payload, payload: AdapterSite.imagery(AdapterSite.dji, seq: 1, at: time)),
            line: 2)
        #expect(forwarded["verdict"] == "forward")
    }

    @Test("KLV: the sample's geometry is judged as imagery and withheld; the stream then needs a live fix")
    func klvSample() throws {
        let time = AdapterSite.noon
        let packet = [UInt8](
            try Data(contentsOf: Self.samples.appendingPathComponent("klv/DynamicOnlyMISMMSPacketData.bin")))
        var replay = try AdapterSite.replay()
        let early = replay.single(RecordedMessage(time: time, topic: "klv/K1/cam0", payload: packet), line: 1)
        #expect(early["verdict"] == "block")
        #expect(early["reasons"]?.arrayValue?.map { $0["code"] } == ["no_fix"])
        _ = replay.single(
            RecordedMessage(
                time: time, topic: "fleet/K1/telemetry", payload: AdapterSite.nativeFix("K1", seq: 1, at: time)),
            line: 2)
        let accepted = replay.single(
            RecordedMessage(time: time.addingTimeInterval(1), topic: "klv/K1/cam0", payload: packet), line: 3)
        #expect(accepted["verdict"] == "withhold")
        #expect(accepted["stream"] == "cam0")
        #expect(accepted["product"] == "imagery")
        // The DynamicConstant sample's stated checksum does not verify: refused, fail closed.
        let bad = [UInt8](
            try Data(contentsOf: Self.samples.appendingPathComponent("klv/DynamicConstantMISMMSPacketData.bin")))
        let refused = replay.single(RecordedMessage(time: time, topic: "klv/K1/cam0", payload: bad), line: 4)
        #expect(refused["verdict"] == "block")
        #expect(refused["rejection"]?["code"] == "invalid_field")
        #expect(Self.events(refused) == ["message_rejected"])
    }

    @Test("KLV: a sensor over the ceiling is blocked; a VMTI packet suspends the stream, native imagery with it")
    func klvOpticsAndVMTI() throws {
        let time = AdapterSite.noon
        var replay = try AdapterSite.replay()
        _ = replay.single(
            RecordedMessage(
                time: time, topic: "fleet/K1/telemetry", payload: AdapterSite.nativeFix("K1", seq: 1, at: time)),
            line: 1)
        // 1920 px over 2 * 20 m * tan(10°) = 7.05 m: 272 px/m.
        let close = replay.single(
            RecordedMessage(time: time, topic: "klv/K1/cam0", payload: AdapterSite.klvSensor(hfov: 20, range: 20)),
            line: 2)
        #expect(close["verdict"] == "block")
        #expect(close["reasons"]?.arrayValue?.map { $0["code"] } == ["pixel_density_exceeded"])
        #expect(Self.events(close) == ["payload_blocked"])

        let vmti = AdapterSite.klvPacket([(74, [0x03, 0x01, 0x07])])
        let suspended = replay.single(RecordedMessage(time: time, topic: "klv/K1/cam0", payload: vmti), line: 3)
        #expect(suspended["verdict"] == "block")
        #expect(suspended["reasons"]?.arrayValue?.map { $0["code"] } == ["identification_product"])
        #expect(Self.events(suspended) == ["stream_suspended", "payload_blocked"])
        let imagery = replay.single(
            RecordedMessage(
                time: time, topic: "fleet/K1/payload/cam0", payload: AdapterSite.imagery("K1", seq: 1, at: time)),
            line: 4)
        #expect(imagery["verdict"] == "block")
        #expect(imagery["reasons"]?.arrayValue?.map { $0["code"] } == ["stream_suspended"])
        #expect(replay.engine.suspensions[StreamKey(drone: "K1", stream: "cam0")] != nil)
    }

    @Test("without an adapters section, adapter topics are unknown topics")
    func noAdapters() throws {
        var replay = Replay(engine: ComplianceEngine(airspace: try AdapterSite.airspace()))
        let line = replay.single(
            RecordedMessage(
                time: AdapterSite.noon, topic: "rid/RID1/state",
                payload: AdapterSite.remoteIDState(at: AdapterSite.noon)),
            line: 1)
        #expect(line["verdict"] == "reject")
        #expect(line["rejection"]?["code"] == "unknown_topic")
    }
}
