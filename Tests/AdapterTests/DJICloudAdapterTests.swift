import Adapters
import Compliance
import Foundation
import Geo
import StrictJSON
import Testing

@Suite("DJI Cloud API aircraft osd and drc/up")
struct DJICloudAdapterTests {
    let adapter = DJICloudAdapter(
        missions: MissionAssignments(["1581F5BKD225D00A": "M-0412"]), gatewayAircraft: ["DOCK7": "1581F5BKD225D00A"])
    static let topic = "thing/product/1581F5BKD225D00A/osd"

    /// The documentation sample with its position replaced, keeping every other member.
    static func sample(latitude: Double, longitude: Double) throws -> [UInt8] {
        let text = String(decoding: try Samples.bytes("dji/dock2_aircraft_osd_example.json"), as: UTF8.self)
        return text.replacingOccurrences(of: "\"latitude\": 0,", with: "\"latitude\": \(latitude),")
            .replacingOccurrences(of: "\"longitude\": 0,", with: "\"longitude\": \(longitude),").bytes
    }

    func decode(_ payload: [UInt8], topic: String = DJICloudAdapterTests.topic) -> Rejection? {
        rejection { () throws(Rejection) in try adapter.decode(topic: topic, payload: payload) }
    }

    @Test("the documentation sample has no fix (0/0) and is refused with a clear reason")
    func sampleHasNoFix() throws {
        let refused = try #require(decode(try Samples.bytes("dji/dock2_aircraft_osd_example.json")))
        #expect(refused.code == .invalidField)
        #expect(refused.field == "data.latitude")
        #expect(refused.problem.contains("no position fix"))
    }

    @Test("the sample with a position decodes: ellipsoid height, heading, speeds, battery, mode, time and seq")
    func sampleWithPosition() throws {
        let adapted = try adapter.decode(
            topic: Self.topic, payload: try Self.sample(latitude: 52.5163, longitude: 13.3777))
        #expect(adapted.source == .djiCloudAPI)
        #expect(adapted.source.rawValue == "dji_cloud_api")
        let fix = adapted.fix
        #expect(fix.drone == "1581F5BKD225D00A")
        #expect(fix.mission == "M-0412")
        #expect(fix.position == GeoPoint(latitude: 52.5163, longitude: 13.3777))
        #expect(abs(fix.altitude - 38.417465209960938) < 1e-9)
        #expect(fix.altitudeReference == .wgs84)
        #expect(fix.seq == 1_670_422_793_916)
        #expect(RFC3339.format(fix.time) == "2022-12-07T14:19:53.916Z")
        #expect(fix.velocity?.track == 41.7)
        #expect(fix.velocity?.groundSpeed == 0)
        #expect(fix.velocity?.verticalSpeed == 0)
        #expect(fix.batteryPercent == 90)
        #expect(adapted.flightMode == 0)
        // 52-0-0 reports its laser range with error state 1 (out of range): the distance is not trusted.
        #expect(
            adapted.cameras == [
                CameraGeometry(payloadIndex: "52-0-0", depressionDegrees: nil, zoom: nil, slantRangeMetres: nil)
            ])
    }

    func osd(_ data: String, timestamp: Int = 1_700_000_000_000) -> [UInt8] {
        #"{"tid":"t","bid":"b","timestamp":\#(timestamp),"gateway":"DOCK7","data":{\#(data)}}"#.bytes
    }

    @Test("a negative heading becomes a 0..360 track; payload objects and cameras[] give camera geometry")
    func headingAndCameras() throws {
        let payload = osd(
            #""latitude":52.5,"longitude":13.4,"height":120.5,"attitude_head":-90.5,"horizontal_speed":7.5,"#
                + #""vertical_speed":-1.5,"battery":{"capacity_percent":64},"mode_code":3,"#
                + #""39-0-7":{"gimbal_pitch":-45.0,"zoom_factor":2.0,"measure_target_distance":141.4,"#
                + #""measure_target_error_state":0},"cameras":[{"payload_index":"39-0-7","zoom_factor":4.0},"#
                + #"{"payload_index":"53-0-0","zoom_factor":6.0}]"#)
        let adapted = try adapter.decode(topic: Self.topic, payload: payload)
        #expect(adapted.fix.velocity?.track == 269.5)
        #expect(adapted.fix.velocity?.groundSpeed == 7.5)
        #expect(adapted.fix.velocity?.verticalSpeed == -1.5)
        #expect(adapted.fix.batteryPercent == 64)
        #expect(adapted.flightMode == 3)
        #expect(
            adapted.cameras == [
                CameraGeometry(payloadIndex: "39-0-7", depressionDegrees: 45, zoom: 2, slantRangeMetres: 141.4),
                CameraGeometry(payloadIndex: "53-0-0", depressionDegrees: nil, zoom: 6, slantRangeMetres: nil),
            ])
    }

    @Test("drc/up osd_info_push: the dock's topic maps to its aircraft; speed_x/y give the ground speed")
    func drcUp() throws {
        let payload =
            #"{"tid":"t","bid":"b","timestamp":1700000000500,"gateway":"DOCK7","method":"osd_info_push","#
            + #""data":{"latitude":52.5,"longitude":13.4,"height":99.0,"attitude_head":10.0,"gimbal_pitch":-30.0,"#
            + #""speed_x":3.0,"speed_y":4.0,"speed_z":0.5}}"#
        let adapted = try adapter.decode(topic: "thing/product/DOCK7/drc/up", payload: payload.bytes)
        #expect(adapted.fix.drone == "1581F5BKD225D00A")
        #expect(adapted.fix.seq == 1_700_000_000_500)
        #expect(adapted.fix.velocity?.groundSpeed == 5)
        #expect(adapted.fix.velocity?.verticalSpeed == 0.5)
        #expect(adapted.cameras.first?.depressionDegrees == 30)
        let other = payload.replacingOccurrences(of: "osd_info_push", with: "hsi_info_push")
        #expect(decode(other.bytes, topic: "thing/product/DOCK7/drc/up")?.field == "method")
        #expect(decode(payload.bytes, topic: "thing/product/DOCK9/drc/up")?.code == .unknownTopic)
    }

    @Test("refusals: unmapped drone, other topics, wrong types, out of range, missing height")
    func refusals() {
        let good = #""latitude":52.5,"longitude":13.4,"height":120.5"#
        let unmapped = decode(osd(good), topic: "thing/product/OTHER1/osd")
        #expect(unmapped?.code == .unknownTopic)
        #expect(unmapped?.problem == "the drone has no mission in the adapter's drone-to-mission mapping")
        #expect(decode(osd(good), topic: "thing/product/1581F5BKD225D00A/state")?.code == .unknownTopic)
        let text = decode(osd(#""latitude":"52.5","longitude":13.4,"height":1"#))
        #expect(text?.field == "data.latitude")
        #expect(text?.problem == "expected a number, found string")
        #expect(decode(osd(#""latitude":95,"longitude":13.4,"height":1"#))?.field == "data.latitude")
        #expect(decode(osd(#""latitude":52.5,"longitude":13.4"#))?.field == "data.height")
        #expect(decode(osd(good + #","attitude_head":200"#))?.field == "data.attitude_head")
        #expect(decode(osd(good + #","52-0-0":{"zoom_factor":"x"}"#))?.field == "data.52-0-0.zoom_factor")
        #expect(decode(Array("{not json".utf8))?.code == .malformedJSON)
        let small = DJICloudAdapter(missions: adapter.missions, maximumBytes: 10)
        #expect(
            rejection { () throws(Rejection) in try small.decode(topic: Self.topic, payload: osd(good)) }?.code
                == .messageTooLarge)
    }
}
