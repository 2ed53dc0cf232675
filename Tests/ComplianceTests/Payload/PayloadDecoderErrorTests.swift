import Compliance
import Foundation
import StrictJSON
import Testing

/// Refused payload messages: the rejection names the field and the rule, never the value.
@Suite("Payload decoding: rejections")
struct PayloadDecoderErrorTests {
    static let marker = "QZXMARK7731"

    static func density(_ edit: (inout JSONObject) -> Void) -> JSONObject {
        var data = Payload.density()
        edit(&data)
        return Payload.message("crowd_density", data: data, sensor: Payload.camera)
    }

    static func sensor(_ key: String, _ value: JSONValue) -> JSONObject {
        var camera = Payload.camera
        camera[key] = value
        return Payload.message("imagery", data: ["frame_ref": "urn:x:1"], sensor: camera)
    }

    static func envelope(_ key: String, _ value: JSONValue) -> JSONObject {
        var object = Payload.message("crowd_count", data: ["area": Payload.origin, "count": .number(4)])
        object[key] = value
        return object
    }

    /// A message, the field its rejection must name, and the code.
    static let cases: [(JSONObject, String, RejectionCode)] = {
        let m = JSONValue.string(marker)
        return [
            (envelope("v", m), "v", .invalidField),
            (envelope("drone", m), "drone", .droneMismatch),
            (envelope("drone", .string("\(marker) x")), "drone", .invalidField),
            (envelope("stream", m), "stream", .droneMismatch),
            (envelope("mission", .string("\(marker)/x")), "mission", .invalidField),
            (envelope("seq", m), "seq", .invalidField),
            (envelope("time", .string("2026-11-28T13:00:00\(marker)")), "time", .invalidField),
            (envelope("product", .number(4)), "product", .invalidField),
            (density { $0["cell_m"] = m }, "data.cell_m", .invalidField),
            (density { $0["rows"] = .number(2.5) }, "data.rows", .invalidField),
            (
                density { $0["counts"] = .array([.number(1), m, .number(1), .number(1), .number(1), .number(1)]) },
                "data.counts[1]", .invalidField
            ),
            (density { $0["counts"] = .array([.number(1)]) }, "data.counts", .invalidField),
            (density { $0["origin"] = .object(["lat": m, "lon": .number(13)]) }, "data.origin.lat", .invalidField),
            (
                density { $0["origin"] = .object(["lat": .number(91), "lon": .number(13)]) }, "data.origin.lat",
                .invalidField
            ),
            (sensor("hfov_deg", m), "sensor.hfov_deg", .invalidField),
            (sensor("hfov_deg", .number(0)), "sensor.hfov_deg", .invalidField),
            (sensor("zoom", .number(0.99)), "sensor.zoom", .invalidField),
            (sensor("image_width_px", .number(1920.5)), "sensor.image_width_px", .invalidField),
            (sensor("depression_deg", .number(-1)), "sensor.depression_deg", .invalidField),
            (sensor("slant_range_m", .number(0)), "sensor.slant_range_m", .invalidField),
            (sensor("kind", .number(3)), "sensor.kind", .invalidField),
            (Payload.message("imagery", data: ["frame_ref": .number(7)]), "data.frame_ref", .invalidField),
            (
                Payload.message("imagery", data: ["frame_ref": "urn:x:1", "duration_s": .number(3)]), "data.duration_s",
                .invalidField
            ),
            (Payload.message("imagery", data: [:]), "data.frame_ref", .invalidField),
            (
                Payload.message("crowd_flow", data: Payload.flow([Payload.flowCell(0, 3, count: 4)])),
                "data.cells[0].col", .invalidField
            ),
            (
                Payload.message(
                    "route_estimate", data: ["line": .array([.object(["lat": .number(1), "lon": .number(1)])])]),
                "data.line", .invalidField
            ),
            (
                Payload.message("route_estimate", data: ["line": .array([.number(1), .number(2)])]), "data.line[0]",
                .invalidField
            ),
        ]
    }()

    @Test("each rejection names its field and code, and never the value", arguments: cases.indices)
    func namesTheField(index: Int) throws {
        let (object, field, code) = Self.cases[index]
        let judgement = Payload.inspect(object)
        let rejection = try #require(judgement.rejection, "case \(index)")
        #expect(rejection.code == code, "case \(index): \(rejection)")
        #expect(rejection.field == field, "case \(index): \(rejection)")
        #expect(!rejection.description.contains(Self.marker), "case \(index): \(rejection)")
        #expect(judgement.verdict == .block)
        #expect(judgement.verdict(observing: Set(RuleFamily.allCases)) == .block)
        #expect(judgement.forwarded(observing: Set(RuleFamily.allCases)) == nil)
    }

    @Test(
        "a reference outside the grammar is refused in every mode, named by member and never quoted",
        arguments: [
            "QZXMARK7731 with spaces", "ftp://QZXMARK7731/frame.jpg", "https://h.example/f.jpg?QZXMARK7731=1",
            "https://h.example/f.jpg#QZXMARK7731", "https://QZXMARK7731@h.example/f.jpg",
            "https://h.example/%51ZXMARK7731", "urn:x:" + String(repeating: "QZXMARK7731/", count: 25),
            "urn:x:" + String(repeating: "QZXMARK7731", count: 7), "QZXMARK7731", "urn:x:QZX,MARK7731",
        ])
    func referenceGrammar(reference: String) throws {
        let judgement = Payload.inspect(
            Payload.message("imagery", data: ["frame_ref": .string(reference)], sensor: Payload.camera))
        #expect(judgement.codes.contains(.referenceRefused), "\(judgement.findings)")
        #expect(judgement.verdict(observing: Set(RuleFamily.allCases)) == .block)
        for finding in judgement.findings {
            #expect(!finding.detail.contains(Self.marker), "\(finding)")
            #expect(!finding.detail.contains("QZX"), "\(finding)")
        }
    }

    @Test("configured schemes and hosts narrow the references allowed")
    func referenceHosts() throws {
        var policy = PayloadPolicy()
        policy.mediaReferences.schemes = ["https"]
        policy.mediaReferences.hosts = ["media.example"]
        func verdict(_ reference: String) -> PayloadVerdict {
            Payload.inspect(
                Payload.message("imagery", data: ["frame_ref": .string(reference)], sensor: Payload.camera),
                policy: policy
            ).verdict
        }
        #expect(verdict("https://media.example/f/1.jpg") == .forward)
        #expect(verdict("https://cdn.media.example/f/1.jpg") == .forward)
        #expect(verdict("https://evil.example/f/1.jpg") == .block)
        #expect(verdict("https://media.example.evil/f/1.jpg") == .block)
        #expect(verdict("urn:flowgate:frame:D7:cam0:77") == .block)
    }

    @Test("exactly the size limit is parsed, one byte more is refused unparsed")
    func sizeLimit() throws {
        var object = Payload.message("crowd_count", data: ["area": Payload.origin, "count": .number(4)])
        object["pad"] = ""
        let base = bytes(object).count
        let limit = 2_048
        object["pad"] = .string(String(repeating: "a", count: limit - base))
        let atLimit = bytes(object)
        #expect(atLimit.count == limit)
        let policy = try PayloadPolicy.validated(maximumBytes: limit)
        #expect(Payload.inspect(atLimit, policy: policy).rejection?.code != .messageTooLarge)
        let over = Payload.inspect(atLimit + [0x20], policy: policy)
        #expect(over.rejection?.code == .messageTooLarge)
        #expect(over.envelope == nil)
        #expect(
            Payload.inspect([UInt8](repeating: 0xFF, count: limit + 1), policy: policy).rejection?.code
                == .messageTooLarge)
    }

    @Test("a blocked message's values appear in no finding, only its codes and our own words")
    func findingsQuoteNothing() {
        let m = JSONValue.string(Self.marker)
        var data = Payload.density(cell: 9.99, counts: [1, 2, 0, 0, 0, 0])
        data[Self.marker] = m
        data["trackId"] = m
        data["thumb"] = .string("data:\(Self.marker)")
        var camera = Payload.camera
        camera["kind"] = m
        camera["zoom"] = .number(9)
        var object = Payload.message("crowd_density", data: data, sensor: camera)
        object["x_\(Self.marker)"] = .object([Self.marker: m])
        let judgement = Payload.inspect(object)
        #expect(judgement.verdict == .block)
        #expect(
            Set(judgement.codes) == [
                .sensorNotAllowed, .identifyingField, .embeddedBlob, .undefinedField, .cellTooSmall,
                .smallCountSuppressed, .pixelDensityExceeded,
            ])
        for finding in judgement.findings {
            #expect(!finding.detail.contains(Self.marker), "\(finding)")
            #expect(!finding.detail.contains("9.99"), "\(finding)")
        }
        let unknown = Payload.inspect(Payload.message(Self.marker, data: [:]))
        #expect(unknown.envelope?.product == PayloadEnvelope.unknownProduct)
        #expect(!unknown.findings.description.contains(Self.marker))
    }
}
