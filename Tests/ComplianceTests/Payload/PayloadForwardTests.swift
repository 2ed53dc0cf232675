import Compliance
import Foundation
import StrictJSON
import Testing

/// What is forwarded: the normalised message, how suppression is marked, the audit numbers, and the verdict
/// and message when rule families are only observed.
@Suite("Payload forwarding and observe modes")
struct PayloadForwardTests {
    @Test("a density grid is rebuilt, its small counts null and listed")
    func redactedDensity() throws {
        let judgement = Payload.inspect(
            Payload.message(
                "crowd_density", data: Payload.density(counts: [0, 2, 31, 1, 0, 52]), sensor: Payload.camera))
        #expect(judgement.verdict == .redact)
        let forwarded = try #require(judgement.forwarded)
        let expected = """
            {"v":1,"drone":"D7","mission":"M-0412","stream":"cam0","seq":77,"time":"2026-11-28T14:03:22.300Z",\
            "product":"crowd_density","sensor":{"kind":"eo_camera","hfov_deg":62.0,"image_width_px":1920,"zoom":1.0,\
            "slant_range_m":110.0},"data":{"origin":{"lat":52.516,"lon":13.377},"cell_m":10.0,"rows":2,"cols":3,\
            "counts":[0,null,31,null,0,52],"suppressed":[1,3],"suppressed_cells":2}}
            """
        #expect(String(decoding: forwarded.bytes, as: UTF8.self) == expected)
        #expect(forwarded.cells == 6)
        #expect(forwarded.totalCount == 83)
        #expect(forwarded.suppressedCells == 2)
        let pixels = try #require(judgement.pixelDensity)
        #expect(abs(pixels - 14.524) < 0.001)
    }

    @Test("a flow cell with a small count keeps its place and loses its direction, speed and count")
    func redactedFlow() throws {
        let judgement = Payload.inspect(
            Payload.message(
                "crowd_flow",
                data: Payload.flow([Payload.flowCell(1, 2, count: 2), Payload.flowCell(0, 1, count: 14)])))
        let forwarded = try #require(judgement.forwarded)
        let data = try #require(forwarded.message["data"])
        #expect(
            JSONWriter.write(data["cells"]!)
                == #"[{"row":1,"col":2,"count":null},{"row":0,"col":1,"direction_deg":87.0,"speed_mps":1.2,"count":14}]"#
        )
        #expect(data["suppressed"] == .array([.number(5)]))
        #expect(forwarded.bytes == JSONWriter.bytes(.object(forwarded.message)))
        #expect(forwarded.cells == 2)
        #expect(forwarded.totalCount == 14)
    }

    @Test("a small crowd count is null; products without counts have no total")
    func countsAndTotals() throws {
        let area: JSONValue = .object(["lat": .number(52.5), "lon": .number(13.3), "radius_m": .number(50)])
        let small = try #require(
            Payload.inspect(Payload.message("crowd_count", data: ["area": area, "count": .number(1)])).forwarded)
        #expect(small.message["data"]?["count"] == .null)
        #expect(small.message["data"]?["suppressed_cells"] == .number(1))
        #expect(small.totalCount == 0)
        #expect(small.bytes == JSONWriter.bytes(.object(small.message)))
        let route: JSONObject = ["line": .array([Payload.origin, Payload.origin])]
        let line = try #require(Payload.inspect(Payload.message("route_estimate", data: route)).forwarded)
        #expect(line.totalCount == nil)
        #expect(line.bytes == JSONWriter.bytes(.object(line.message)))
        #expect(line.cells == 0)
    }

    @Test("observing aggregation forwards the counts unredacted, and says what it would have done")
    func observeAggregation() throws {
        let judgement = Payload.inspect(
            Payload.message("crowd_density", data: Payload.density(cell: 5, counts: [0, 2, 31, 1, 0, 52])))
        #expect(judgement.verdict == .block)
        #expect(judgement.verdict(observing: [.aggregation]) == .forward)
        #expect(judgement.observed([.aggregation]).map(\.code) == [.cellTooSmall, .smallCountSuppressed])
        let forwarded = try #require(judgement.forwarded(observing: [.aggregation]))
        #expect(forwarded.message["data"]?["counts"]?.arrayValue?.contains(.null) == false)
        #expect(forwarded.suppressedCells == 0)
        #expect(forwarded.totalCount == 86)
    }

    @Test("observing optics forwards imagery over the ceiling; observing another family does not")
    func observeOptics() {
        var camera = Payload.camera
        camera["zoom"] = .number(6)
        let judgement = Payload.inspect(Payload.message("imagery", data: ["frame_ref": "urn:x:1"], sensor: camera))
        #expect(judgement.codes == [.pixelDensityExceeded])
        #expect(judgement.findings[0].detail == "87.15 px/m over the ceiling of 80 px/m")
        #expect(judgement.verdict(observing: [.purpose, .aggregation, .geofence]) == .block)
        #expect(judgement.verdict(observing: [.optics]) == .forward)
        #expect(judgement.forwarded(observing: [.optics])?.message["data"] == .object(["frame_ref": "urn:x:1"]))
    }

    @Test("an undefined field, observed, is dropped from what passes")
    func observeUndefined() throws {
        var data = Payload.density()
        data["operator_note"] = "QZXMARK7731"
        let judgement = Payload.inspect(Payload.message("crowd_density", data: data))
        #expect(judgement.codes == [.undefinedField])
        #expect(!judgement.identification)
        let forwarded = try #require(judgement.forwarded(observing: [.purpose]))
        #expect(
            !JSONValue.object(forwarded.message).allText.contains {
                $0.contains("QZXMARK7731") || $0 == "operator_note"
            })
    }

    @Test(
        "identification and unknown products block in every mode",
        arguments: [
            Payload.message("face_crop", data: ["frame_ref": "urn:x:1"]),
            Payload.message("heatmap", data: Payload.density()),
            Payload.message("crowd_density", data: Payload.density(), sensor: ["kind": "imsi_catcher"]),
            Payload.message("crowd_density", data: Payload.density().merging(["person_id": .number(3)])),
            Payload.message(
                "imagery", data: ["frame_ref": "data:image/png;base64,iVBORw0KGgo"], sensor: Payload.camera),
        ])
    func neverForwarded(object: JSONObject) {
        let judgement = Payload.inspect(object)
        let everything = Set(RuleFamily.allCases)
        #expect(judgement.verdict(observing: everything) == .block)
        #expect(judgement.forwarded(observing: everything) == nil)
        #expect(judgement.observed(everything).allSatisfy { !$0.isIdentification && $0.code != .productNotAllowed })
    }

    @Test("identification is flagged for identification products, sensors, keys and blobs only")
    func identificationFlag() {
        #expect(Payload.inspect(Payload.message("person_reid", data: [:])).identification)
        #expect(
            Payload.inspect(Payload.message("crowd_count", data: [:], sensor: ["kind": "wifi_sniffer"])).identification)
        #expect(!Payload.inspect(Payload.message("heatmap", data: [:])).identification)
        #expect(!Payload.inspect(Payload.message("crowd_density", data: Payload.density(cell: 1))).identification)
        let envelope = Payload.inspect(Payload.message("face_match", data: [:])).envelope
        #expect(envelope?.product == "face_match")
        #expect(envelope?.seq == 77)
        #expect(envelope?.drone == "D7")
        #expect(envelope?.stream == "cam0")
        #expect(envelope?.mission == "M-0412")
    }
}

extension JSONObject {
    func merging(_ other: JSONObject) -> JSONObject {
        var merged = self
        for member in other.members { merged[member.key] = member.value }
        return merged
    }
}
