import Adapters
import Compliance
import Foundation
import Geo
import StrictJSON
import Testing

@Suite("ASTM F3411-22a network Remote ID aircraft state")
struct RemoteIDAdapterTests {
    let adapter = RemoteIDAdapter(missions: MissionAssignments(["a3423b-213401-0023": "M-0412", "RID1": "M-0412"]))

    @Test("the sample GetFlightsResponse: position, WGS84 altitude, track, speed, vertical speed, time")
    func sampleFlights() throws {
        let results = try adapter.decodeFlights(try Samples.bytes("rid/f3411_v22a_get_flights.json"))
        #expect(results.count == 1)
        let adapted = try results[0].get()
        #expect(adapted.source == .remoteID)
        let fix = adapted.fix
        #expect(fix.drone == "a3423b-213401-0023")
        #expect(fix.mission == "M-0412")
        #expect(fix.position == GeoPoint(latitude: 47.37059443876779, longitude: 8.488126171527895))
        #expect(fix.altitude == 496.18)
        #expect(fix.altitudeReference == .wgs84)
        #expect(fix.velocity == TelemetryFix.Velocity(groundSpeed: 5.0, track: 187.5, verticalSpeed: 0.18))
        #expect(RFC3339.format(fix.time) == "2022-01-01T00:00:02.000Z")
        #expect(fix.seq == 1_640_995_202_000)
    }

    @Test("flight details (identity and operator) are not aircraft state: refused, and nothing of them is repeated")
    func flightDetailsRefused() throws {
        let details = try Samples.bytes("rid/f3411_v22a_get_flight_details.json")
        let refused = try #require(
            rejection { () throws(Rejection) in try adapter.decodeState(details, drone: "RID1") })
        #expect(refused.code == .invalidField)
        #expect(refused.field == "timestamp")
        for secret in ["INTCJ123", "FA12345891", "operator1", "34.1231"] {
            #expect(!refused.description.contains(secret))
        }
    }

    func state(_ position: String, extra: String = "") -> [UInt8] {
        (#"{"timestamp":{"value":"2026-11-28T12:00:00Z","format":"RFC3339"},"operational_status":"Airborne","#
            + #""position":{\#(position)}\#(extra)}"#).bytes
    }

    func refusal(_ payload: [UInt8], drone: String = "RID1") -> Rejection? {
        rejection { () throws(Rejection) in try adapter.decodeState(payload, drone: drone) }
    }

    @Test("unknown sentinels become absent values: track 361, speed 255, vertical_speed 63")
    func sentinels() throws {
        let adapted = try adapter.decodeState(
            state(#""lat":52.5,"lng":13.4,"alt":150.0"#, extra: #","track":361,"speed":255,"vertical_speed":63"#),
            drone: "RID1")
        #expect(adapted.fix.velocity == TelemetryFix.Velocity(groundSpeed: nil, track: nil, verticalSpeed: nil))
    }

    @Test("alt -1000 is unknown: height above GroundLevel is used as AGL, above TakeoffLocation is refused")
    func unknownAltitude() throws {
        let agl = try adapter.decodeState(
            state(#""lat":52.5,"lng":13.4,"alt":-1000,"height":{"distance":80.5,"reference":"GroundLevel"}"#),
            drone: "RID1")
        #expect(agl.fix.altitude == 80.5)
        #expect(agl.fix.altitudeReference == .agl)
        let takeoff = refusal(
            state(#""lat":52.5,"lng":13.4,"alt":-1000,"height":{"distance":80.5,"reference":"TakeoffLocation"}"#))
        #expect(takeoff?.field == "position.height.reference")
        #expect(refusal(state(#""lat":52.5,"lng":13.4,"alt":-1000"#))?.field == "position.alt")
    }

    @Test("refusals: no position, 0/0, out of range, wrong types, unknown status, unmapped drone, bad format")
    func refusals() {
        #expect(refusal(state(#""alt":150"#))?.problem.contains("no position") == true)
        #expect(refusal(state(#""lat":0,"lng":0,"alt":150"#))?.problem.contains("no position") == true)
        #expect(refusal(state(#""lat":52.5,"lng":13.4,"alt":150"#, extra: #","track":362"#))?.field == "track")
        #expect(refusal(state(#""lat":52.5,"lng":13.4,"alt":150"#, extra: #","track":360.5"#))?.field == "track")
        #expect(refusal(state(#""lat":"52.5","lng":13.4,"alt":150"#))?.field == "position.lat")
        #expect(refusal(state(#""lat":52.5,"lng":13.4,"alt":150"#, extra: #","speed":-1"#))?.field == "speed")
        let status = String(decoding: state(#""lat":52.5,"lng":13.4,"alt":150"#), as: UTF8.self)
            .replacingOccurrences(of: "Airborne", with: "Flying")
        #expect(refusal(status.bytes)?.field == "operational_status")
        #expect(refusal(state(#""lat":52.5,"lng":13.4,"alt":150"#), drone: "RID9")?.code == .unknownTopic)
        let format = String(decoding: state(#""lat":52.5,"lng":13.4,"alt":150"#), as: UTF8.self)
            .replacingOccurrences(of: "RFC3339", with: "unix")
        #expect(refusal(format.bytes)?.field == "timestamp.format")
    }
}
