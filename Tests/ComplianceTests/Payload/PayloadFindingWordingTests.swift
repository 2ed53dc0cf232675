import Compliance
import Foundation
import StrictJSON
import Testing

/// The words of every payload rule's finding, pinned to the text flowgate printed before findings carried
/// typed facts: egress messages, events, the record and Docs/REASON_CODES.md quote them, so they must not
/// drift when the facts change shape.
@Suite("Payload finding wording")
struct PayloadFindingWordingTests {
    /// One crafted message, the code of the finding it must produce and that finding's words.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var policy = PayloadPolicy()
        var height: Double? = 60
        var topicStream = Payload.topicStream
        var code: PayloadCode
        var detail: String

        var testDescription: String { name }
    }

    static func message(
        _ product: String = "crowd_density", data: JSONObject = Payload.density(), sensor: JSONObject? = nil,
        stream: String = Payload.topicStream, mission: String = "M-0412"
    ) -> [UInt8] {
        var object = Payload.message(product, data: data, sensor: sensor)
        object["stream"] = .string(stream)
        object["mission"] = .string(mission)
        return bytes(object)
    }

    static func density(adding extra: JSONObject) -> JSONObject {
        var data = Payload.density()
        for (key, value) in extra.members { data[key] = value }
        return data
    }

    /// A camera with no slant range, looking `depression` degrees below the horizon.
    static func unrangedCamera(depression: Double) -> JSONObject {
        camera {
            $0["slant_range_m"] = nil
            $0["depression_deg"] = .number(depression)
        }
    }

    static func camera(_ change: (inout JSONObject) -> Void) -> JSONObject {
        var camera = Payload.camera
        change(&camera)
        return camera
    }

    static func policy(_ change: (inout PayloadPolicy) -> Void) -> PayloadPolicy {
        var policy = PayloadPolicy()
        change(&policy)
        return policy
    }

    static func imagery(_ reference: String, policy: PayloadPolicy = PayloadPolicy()) -> (
        [UInt8], PayloadPolicy
    ) {
        (message("imagery", data: ["frame_ref": .string(reference)], sensor: Payload.camera), policy)
    }

    static let cases: [Case] = {
        let numbers = JSONValue.array((0..<40).map { .number($0) })
        var cases = [
            Case(
                name: "a product on the spec's list", bytes: message("face_crop"), code: .identificationProduct,
                detail: "product face_crop identifies or tracks persons"),
            Case(
                name: "a product whose words name identification", bytes: message("crowd_face_map"),
                code: .identificationProduct, detail: "the product names identification: 'face' (face)"),
            Case(
                name: "an allowed product the policy turns off", bytes: message(),
                policy: policy { $0.allowedProducts = [.crowdCount] }, code: .productNotAllowed,
                detail: "product crowd_density is not allowed by the policy"),
            Case(
                name: "a product of no kind flowgate knows", bytes: message("weather_map"), code: .productNotAllowed,
                detail: "the product is not a crowd-flow product"),
            Case(
                name: "a sensor kind on the spec's list",
                bytes: message(sensor: camera { $0["kind"] = "imsi_catcher" }),
                code: .identificationSensor, detail: "sensor kind imsi_catcher identifies persons or devices"),
            Case(
                name: "a sensor kind the policy turns off", bytes: message(sensor: camera { $0["kind"] = "ir_camera" }),
                policy: policy { $0.allowedSensorKinds = [.eoCamera] }, code: .sensorNotAllowed,
                detail: "sensor kind ir_camera is not allowed by the policy"),
            Case(
                name: "a sensor kind whose words name identification",
                bytes: message(sensor: camera { $0["kind"] = "face_cam" }), code: .identificationSensor,
                detail: "the sensor kind names identification: 'face' (face)"),
            Case(
                name: "a sensor kind flowgate does not know", bytes: message(sensor: camera { $0["kind"] = "lidar" }),
                code: .sensorNotAllowed, detail: "the sensor kind is not an allowed kind"),
            Case(
                name: "a stream name naming identification", bytes: message(stream: "face_tracks"),
                topicStream: "face_tracks", code: .identifyingName,
                detail: "the stream's name names identification: 'face' (face)"),
            Case(
                name: "a mission name naming identification", bytes: message(mission: "face_sweep"),
                code: .identifyingName, detail: "the mission's name names identification: 'face' (face)"),
            Case(
                name: "a key naming identifying data",
                bytes: message(data: density(adding: ["person_id": "x"])), code: .identifyingField,
                detail: "keys naming identifying data: 'person id' (per-person track) in data"),
            Case(
                name: "a phone number under an undefined member",
                bytes: message(data: density(adding: ["note": "+4915112345678"])), code: .identifierInValue,
                detail: "a phone number in data.<undefined>"),
            Case(
                name: "a long list of numbers under an undefined member",
                bytes: message(data: density(adding: ["weights": numbers])), code: .embeddingVector,
                detail: "40 numbers in data.<undefined>"),
            Case(
                name: "blobs in more than three places",
                bytes: message(
                    data: density(adding: [
                        "a": .object(["x": "data:image/png;base64,AAAA"]),
                        "b": .object(["y": .array(["data:,1"])]), "c": .array([.array(["data:,2"])]),
                        "d": .array(["data:,3", "data:,4"]),
                    ])), code: .embeddedBlob,
                detail:
                    "a data: URI in data.<undefined>.<undefined>, a data: URI in data.<undefined>.<undefined>[0], a data: URI in data.<undefined>[0][0] and 2 more"
            ),
            Case(
                name: "undefined keys", bytes: message(data: density(adding: ["note": "fine", "other": "too"])),
                code: .undefinedField, detail: "2 key(s) the schema does not define, in data"),
            Case(
                name: "a counted area smaller than a cell",
                bytes: message(
                    "crowd_count",
                    data: [
                        "area": .object(["lat": .number(52.5), "lon": .number(13.3), "radius_m": .number(2)]),
                        "count": .number(40),
                    ]), code: .cellTooSmall, detail: "the counted area is smaller than one cell of 10 m"),
            Case(
                name: "grid cells under a fractional floor", bytes: message(),
                policy: policy { $0.minimumCellSize = 12.5 }, code: .cellTooSmall,
                detail: "grid cells are smaller than the minimum of 12.50 m"),
            Case(
                name: "small counts suppressed", bytes: message(data: Payload.density(counts: [0, 2, 31, 1, 0, 52])),
                code: .smallCountSuppressed, detail: "2 cell(s) with counts from 1 to 2 suppressed (k = 3)"),
            Case(
                name: "a count of one suppressed under k = 2",
                bytes: message(data: Payload.density(counts: [0, 2, 31, 1, 0, 52])),
                policy: policy { $0.suppressionThreshold = 2 }, code: .smallCountSuppressed,
                detail: "1 cell(s) with counts of 1 suppressed (k = 2)"),
            Case(
                name: "imagery without a sensor", bytes: message("imagery", data: ["frame_ref": "urn:x:1"]),
                code: .opticsUnverifiable, detail: "the product needs the sensor's geometry, and it has none"),
            Case(
                name: "neither slant range nor depression",
                bytes: message(sensor: camera { $0["slant_range_m"] = nil }), code: .opticsUnverifiable,
                detail: "neither slant_range_m nor depression_deg bounds the camera's range"),
            Case(
                name: "a camera near the horizon",
                bytes: message(sensor: unrangedCamera(depression: 12.5)), code: .unboundedRange,
                detail:
                    "the camera looks less than 20° below the horizon and no slant_range_m bounds its range"),
            Case(
                name: "no height above ground",
                bytes: message(sensor: unrangedCamera(depression: 45)), height: nil, code: .opticsUnverifiable,
                detail: "no slant_range_m, and the drone's height above ground is not known"),
            Case(
                name: "a drone on the ground",
                bytes: message(sensor: unrangedCamera(depression: 45)), height: 0, code: .opticsUnverifiable,
                detail: "no slant_range_m, and the drone is not above the ground"),
            Case(
                name: "a zoomed camera over the ceiling",
                bytes: message("imagery", data: ["frame_ref": "urn:x:1"], sensor: camera { $0["zoom"] = .number(6) }),
                code: .pixelDensityExceeded, detail: "87.15 px/m over the ceiling of 80 px/m"),
            Case(
                name: "an undecodable message naming identification",
                bytes: Array(#"{"product":"face_crop","note":"+4915112345678","#.utf8),
                code: .uninspectableIdentification,
                detail:
                    "the undecodable message holds words naming identification, 'facecrop' (face); a phone number"),
            Case(
                name: "an undecodable message with too many words",
                bytes: Array(("[" + (0..<2_100).map { "\"w\($0)\"" }.joined(separator: ",")).utf8),
                code: .uninspectableIdentification,
                detail: "the undecodable message holds more than 2048 distinct words, too many to clear"),
        ]
        let references: [(String, PayloadPolicy, PayloadCode, String)] = [
            ("", PayloadPolicy(), .referenceRefused, "data.frame_ref must be 1 to 256 characters"),
            ("frame-1", PayloadPolicy(), .referenceRefused, "data.frame_ref must be a URI (scheme:rest)"),
            (
                "ftp:x", PayloadPolicy(), .referenceRefused,
                "data.frame_ref names a scheme that is not one of https, s3, urn"
            ),
            (
                "https://h/a?b", PayloadPolicy(), .referenceRefused,
                "data.frame_ref may hold only letters, digits, '-', '.', '_', '~', '/' and ':' (found '?')"
            ),
            (
                "https://h/a\tb", PayloadPolicy(), .referenceRefused,
                "data.frame_ref may hold only letters, digits, '-', '.', '_', '~', '/' and ':' (found byte 0x9)"
            ),
            ("https:///x", PayloadPolicy(), .referenceRefused, "data.frame_ref names no host"),
            (
                "https://other.example/x", policy { $0.mediaReferences.hosts = ["media.example"] }, .referenceRefused,
                "data.frame_ref host is not one of the configured media hosts"
            ),
            (
                "urn:" + Array(repeating: "a", count: 30).joined(separator: ":"), PayloadPolicy(), .referenceRefused,
                "data.frame_ref has 30 segments, at most 24 allowed"
            ),
            (
                "urn:x:" + String(repeating: "b", count: 70), PayloadPolicy(), .referenceRefused,
                "data.frame_ref has a segment of 70 characters, at most 64 allowed"
            ),
            (
                "urn:x:262011234567890", PayloadPolicy(), .identifierInValue,
                "data.frame_ref: the reference carries a 15-digit subscriber or handset number (IMSI, IMEI)"
            ),
            (
                "s3:bucket/faces/1", PayloadPolicy(), .identifyingName,
                "data.frame_ref: the reference names identification: 'face' (face)"
            ),
        ]
        for (reference, policy, code, detail) in references {
            let (bytes, policy) = imagery(reference, policy: policy)
            cases.append(
                Case(
                    name: "frame_ref \(reference.prefix(24))", bytes: bytes, policy: policy, code: code, detail: detail)
            )
        }
        return cases
    }()

    @Test("each rule words its finding as before", arguments: cases)
    func wording(_ example: Case) throws {
        let judgement = PayloadInspector(policy: example.policy).inspect(
            example.bytes, topicDrone: Payload.topicDrone, topicStream: example.topicStream,
            heightAboveGround: example.height)
        let finding = try #require(
            judgement.findings.first { $0.code == example.code }, "\(judgement.findings)")
        #expect(finding.detail == example.detail)
    }
}
