import Compliance
import Foundation
import Geo
import StrictJSON
import Testing

@Suite("Decoding native telemetry: what is accepted")
struct TelemetryDecoderTests {
    let decoder = TelemetryDecoder()

    func decode(_ object: JSONObject, topicDrone: String = "D1") throws(Rejection) -> TelemetryFix {
        try decoder.decode(bytes(object), topicDrone: topicDrone)
    }

    @Test("the PRODUCT.md example decodes with every field")
    func documentedExample() throws {
        let text = """
            {"v":1,"drone":"D7","mission":"M-0412","seq":1842,"time":"2026-11-28T14:03:22.120Z",
             "position":{"lat":52.51630,"lon":13.37770,"alt_m":95.0,"alt_ref":"AGL"},
             "velocity":{"ground_speed_mps":4.2,"track_deg":87.0,"vertical_speed_mps":0.1},
             "battery_pct":71}
            """
        let fix = try decoder.decode(bytes(text), topicDrone: "D7")
        #expect(fix.drone == "D7")
        #expect(fix.mission == "M-0412")
        #expect(fix.seq == 1842)
        #expect(fix.time == Demo.time("2026-11-28T14:03:22.120Z"))
        #expect(fix.position == GeoPoint(latitude: 52.5163, longitude: 13.3777))
        #expect(fix.altitude == 95)
        #expect(fix.altitudeReference == .agl)
        #expect(fix.velocity == TelemetryFix.Velocity(groundSpeed: 4.2, track: 87, verticalSpeed: 0.1))
        #expect(fix.batteryPercent == 71)
    }

    @Test("velocity and battery are optional")
    func optionalMembers() throws {
        let fix = try decode(Fix().json)
        #expect(fix.velocity == nil)
        #expect(fix.batteryPercent == nil)
    }

    @Test("each velocity member is optional on its own")
    func partialVelocity() throws {
        var message = Fix()
        message.velocity = ["track_deg": .number(10)]
        let fix = try decode(message.json)
        #expect(fix.velocity == TelemetryFix.Velocity(groundSpeed: nil, track: 10, verticalSpeed: nil))
    }

    @Test("every altitude reference", arguments: [("AGL", AltitudeReference.agl), ("AMSL", .amsl), ("WGS84", .wgs84)])
    func references(text: String, reference: AltitudeReference) throws {
        var message = Fix()
        message.reference = text
        #expect(try decode(message.json).altitudeReference == reference)
    }

    @Test("range limits are inclusive")
    func rangeEdges() throws {
        for (path, value) in [
            ("position.lat", 90.0), ("position.lat", -90), ("position.lon", 180), ("position.lon", -180),
            ("battery_pct", 0), ("battery_pct", 100), ("seq", 0), ("seq", 9_007_199_254_740_991),
        ] {
            let object = Fix().with(path, .number(value))
            #expect(throws: Never.self, "\(path) = \(value)") { try decode(object) }
        }
    }

    @Test("a time with an offset is read as the instant it names")
    func timeWithOffset() throws {
        let fix = try decode(Fix().with("time", "2026-11-28T14:00:00.500+01:00"))
        #expect(fix.time == Demo.time("2026-11-28T13:00:00.500Z"))
    }

    @Test("a drone id of 64 characters, with letters, digits, '-', '_' and '.', is accepted")
    func longestDroneID() throws {
        let id = "Ab-_." + String(repeating: "9", count: 59)
        var message = Fix()
        message.drone = id
        #expect(try decode(message.json, topicDrone: id).drone == id)
    }

    @Test("unknown members are accepted at every level and left out of the decoded fix")
    func unknownMembers() throws {
        var object = Fix().json
        object["camera_serial"] = "XK-1"
        object = Fix.set(object, path: ["position", "hdop"], to: .number(0.7))
        object = Fix.set(object, path: ["velocity", "wind_mps"], to: .number(3))
        object["nested"] = .object(["a": .array([.number(1), .null, .bool(true)])])
        let fix = try decode(object)
        var plain = try decode(Fix().json)
        plain.velocity = TelemetryFix.Velocity(groundSpeed: nil, track: nil, verticalSpeed: nil)
        #expect(fix == plain)
    }

    @Test("the default size limit is 64 KiB")
    func defaultLimit() {
        #expect(TelemetryDecoder.defaultMaximumBytes == 65_536)
        #expect(TelemetryDecoder().maximumBytes == 65_536)
        #expect(CompliancePolicy().maximumBytes == 65_536)
    }
}
