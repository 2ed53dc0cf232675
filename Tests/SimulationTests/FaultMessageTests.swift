import Foundation
import Geo
import Simulation
import StrictJSON
import Testing

@Suite("Each fault produces the message it should")
struct FaultMessageTests {
    let messages = SimulationFixtures.trainingDay

    func faulty(_ fault: FaultKind) -> [SimulatedMessage] {
        messages.filter { $0.truth.fault == fault.rawValue }
    }

    @Test("smuggle_track_id: a crowd_flow cell carries a track id; blocked, then the stream is suspended")
    func smuggle() throws {
        let hits = faulty(.smuggleTrackID)
        let first = try #require(hits.first)
        let cells = try #require(SimulationFixtures.json(first)?["data"]?["cells"]?.arrayValue)
        #expect(SimulationFixtures.json(first)?["product"] == "crowd_flow")
        #expect(cells.contains { $0["track_id"] != nil })
        #expect(first.truth.expected == .block && first.truth.reasons == ["identifying_field", "undefined_field"])
        #expect(hits.dropFirst().allSatisfy { $0.truth.reasons == ["stream_suspended"] && $0.topic == first.topic })
        #expect(hits.count > 1)
    }

    @Test("face_product: an identification product, blocked; the stream stays suspended")
    func face() throws {
        let hits = faulty(.faceProduct)
        let first = try #require(hits.first)
        #expect(SimulationFixtures.json(first)?["product"] == "face_crop")
        #expect(first.truth.reasons == ["identification_product"])
        let later = messages.filter { $0.topic == first.topic && $0.time > first.time }
        #expect(
            !later.isEmpty
                && later.allSatisfy { $0.truth.expected == .block && $0.truth.reasons == ["stream_suspended"] })
    }

    @Test("oversized_message: over 64 KiB, refused as too large")
    func oversized() throws {
        let hits = faulty(.oversizedMessage)
        #expect(hits.count == 2)
        for hit in hits {
            #expect(hit.payload.count > 64 * 1024)
            #expect(hit.truth.reasons == ["message_too_large"])
            #expect(RecordingLine.line(hit).contains("\"payload_b64\""))
        }
    }

    @Test("spoofed_drone_id: the payload names another drone than the topic")
    func spoofed() throws {
        for hit in faulty(.spoofedDroneID) {
            let drone = try #require(SimulationFixtures.json(hit)?["drone"]?.stringValue)
            #expect(!hit.topic.hasPrefix("fleet/\(drone)/"))
            #expect(hit.topic.hasPrefix("fleet/\(hit.drone)/"))
            #expect(hit.truth.expected == .block && hit.truth.reasons == ["drone_mismatch"])
        }
        #expect(faulty(.spoofedDroneID).count == 2)
    }

    @Test("malformed_json: not a JSON document")
    func malformed() {
        let hits = faulty(.malformedJSON)
        #expect(hits.count == 2)
        #expect(
            hits.allSatisfy { (try? JSONParser.parse($0.payload)) == nil && $0.truth.reasons == ["malformed_json"] })
    }

    @Test("replayed_seq: an earlier telemetry message again, byte for byte, withheld")
    func replayed() throws {
        let hit = try #require(faulty(.replayedSeq).first)
        let earlier = messages.filter { $0.truth.index < hit.truth.index && $0.payload == hit.payload }
        #expect(earlier.count == 1)
        #expect(earlier.first?.truth.expected == .forward)
        #expect(hit.truth.reasons == ["replayed_seq"])
    }

    @Test("zoom_past_ceiling: the sensor zooms to 20x; blocked for pixel density")
    func zoom() throws {
        let hits = faulty(.zoomPastCeiling)
        #expect(!hits.isEmpty)
        for hit in hits {
            #expect(SimulationFixtures.json(hit)?["sensor"]?["zoom"]?.doubleValue == 20)
            #expect(hit.truth.reasons == ["pixel_density_exceeded"])
        }
    }

    @Test("small_count_cell: a count of 1 or 2, redacted")
    func smallCount() throws {
        let redacted = try #require(faulty(.smallCountCell).first { $0.truth.expected == .redact })
        let counts = try #require(SimulationFixtures.json(redacted)?["data"]?["counts"]?.arrayValue)
        #expect(counts.contains { [1, 2].contains($0.doubleValue ?? 0) })
        #expect(redacted.truth.reasons == ["small_count_suppressed"])
    }

    @Test("telemetry_dropout: no telemetry for 20 s, then payload is blocked as stale")
    func dropout() throws {
        let hits = faulty(.telemetryDropout)
        #expect(hits.allSatisfy { !$0.topic.hasSuffix("/telemetry") })
        #expect(hits.contains { $0.truth.expected == .block && $0.truth.reasons == ["fix_stale"] })
    }

    @Test("clock_skew: fix times off the clock, flagged clock_ahead or clock_behind")
    func clockSkew() throws {
        let telemetry = faulty(.clockSkew).filter { $0.topic.hasSuffix("/telemetry") }
        #expect(!telemetry.isEmpty)
        for hit in telemetry {
            let time = try RFC3339.parse(try #require(SimulationFixtures.json(hit)?["time"]?.stringValue))
            #expect(abs(time.timeIntervalSince(hit.time)) > 10)
            #expect(hit.truth.reasons.contains("clock_ahead") || hit.truth.reasons.contains("clock_behind"))
        }
    }

    @Test("gps_jump: the reported position is kilometres off; implausible speed")
    func jump() throws {
        let telemetry = faulty(.gpsJump).filter { $0.topic.hasSuffix("/telemetry") }
        #expect(!telemetry.isEmpty && telemetry.allSatisfy { $0.truth.reasons.contains("implausible_speed") })
    }

    @Test(
        "geofence faults breach the rule they are named after",
        arguments: [
            (FaultKind.driftOutOfArea, "outside_operation_area"), (.enterNoFly, "in_no_fly"),
            (.descendBelowFloor, "below_floor"), (.expiredAuthorisation, "authorisation_expired"),
        ])
    func geofence(fault: FaultKind, code: String) {
        let hits = faulty(fault)
        let telemetry = hits.filter { $0.topic.hasSuffix("/telemetry") && $0.truth.reasons.contains(code) }
        #expect(!telemetry.isEmpty && telemetry.allSatisfy { $0.truth.expected == .forward })
        #expect(
            hits.contains {
                !$0.topic.hasSuffix("/telemetry") && $0.truth.expected == .block && $0.truth.reasons.contains(code)
            })
    }

    @Test("enter_no_capture: telemetry stays compliant, payload from there is blocked")
    func noCapture() {
        let hits = faulty(.enterNoCapture)
        #expect(hits.filter { $0.topic.hasSuffix("/telemetry") }.allSatisfy { $0.truth.reasons.isEmpty })
        #expect(hits.contains { $0.truth.expected == .block && $0.truth.reasons == ["in_no_capture"] })
    }

    @Test("messages outside every fault are compliant")
    func cleanTraffic() {
        let clean = messages.filter { $0.truth.fault == nil }
        #expect(clean.count > 10_000)
        #expect(clean.allSatisfy { $0.truth.expected == .forward && $0.truth.reasons.isEmpty })
    }
}
