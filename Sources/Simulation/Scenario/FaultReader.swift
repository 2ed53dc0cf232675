import Geo
import StrictJSON

/// Reads one entry of the fault script: `{at_s, drone, fault, params}`, with the parameters each fault takes.
enum FaultReader {
    /// Identification products of payload schema v1: a message carrying one is blocked and its stream suspended.
    static let identificationProducts: Set<String> = [
        "face_crop", "face_embedding", "face_match", "biometric_template", "gait_signature", "voice_print",
        "iris_template", "person_reid", "person_track", "licence_plate", "license_plate", "device_identifier",
        "imsi_capture", "wifi_probe", "bluetooth_scan", "emotion_recognition",
    ]

    static func read(_ fields: ScenarioFields, index: Int, duration: Double) throws(ScenarioIssue) -> FaultSpec {
        try fields.allowOnly(["at_s", "drone", "fault", "params"])
        let at = try fields.number("at_s", in: 0...duration)
        let drone = try fields.identifier("drone")
        let name = try fields.string("fault")
        guard let kind = FaultKind(rawValue: name) else {
            throw fields.issue(
                "fault", .string(name),
                "unknown fault (known: \(FaultKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let params =
            fields.has("params")
            ? try fields.object("params") : ScenarioFields(object: [:], path: fields.path("params"), file: fields.file)
        let (action, allowed, defaultDuration) = try action(kind, params)
        try params.allowOnly(allowed + (defaultDuration == nil ? [] : ["duration_s"]))
        let faultDuration = try params.number("duration_s", in: 0...86_400, default: defaultDuration ?? 0)
        return FaultSpec(index: index, at: at, drone: drone, kind: kind, duration: faultDuration, action: action)
    }

    /// The action, the parameters it accepts besides `duration_s`, and its default duration (`nil` when the
    /// fault affects one message and takes no duration).
    private static func action(_ kind: FaultKind, _ p: ScenarioFields) throws(ScenarioIssue) -> (
        FaultAction, [String], Double?
    ) {
        switch kind {
        case .driftOutOfArea, .enterNoFly, .enterNoCapture:
            let speed = try p.has("transit_speed_mps") ? p.positive("transit_speed_mps", maximum: 30) : 15
            return (
                .excursion(target: try p.point(), transitSpeed: speed), ["lat", "lon", "transit_speed_mps"], 30
            )
        case .descendBelowFloor:
            let altitude = try p.number("alt_m", in: -100...10_000, default: 15)
            let referenceText = try p.optionalString("alt_ref") ?? "AGL"
            guard let reference = AltitudeReference(rawValue: referenceText) else {
                throw p.issue("alt_ref", .string(referenceText), "must be AGL, AMSL or WGS84")
            }
            let speed = try p.has("vertical_speed_mps") ? p.positive("vertical_speed_mps", maximum: 20) : 3
            return (
                .altitude(altitude: altitude, reference: reference, verticalSpeed: speed),
                ["alt_m", "alt_ref", "vertical_speed_mps"], 30
            )
        case .zoomPastCeiling:
            let zoom = try p.number("zoom", in: 1...1_000, default: 20)
            return (.zoom(stream: try p.identifier("stream"), zoom: zoom), ["stream", "zoom"], 10)
        case .faceProduct:
            let product = try p.optionalString("product") ?? "face_crop"
            guard identificationProducts.contains(product) else {
                throw p.issue(
                    "product", .string(product),
                    "not an identification product (known: \(identificationProducts.sorted().joined(separator: ", ")))"
                )
            }
            return (.product(stream: try p.identifier("stream"), product: product), ["stream", "product"], nil)
        case .smuggleTrackID:
            let key = try p.optionalString("key") ?? "track_id"
            return (.smuggle(stream: try p.identifier("stream"), key: key), ["stream", "key"], nil)
        case .smallCountCell:
            let count = p.has("count") ? try p.integer("count", in: 1...2) : 2
            return (.smallCount(stream: try p.identifier("stream"), count: count), ["stream", "count"], 0)
        case .gpsJump:
            let distance = try p.number("distance_m", in: 500...100_000, default: 2_000)
            let bearing = try p.number("bearing_deg", in: 0...360, default: 0)
            return (.jump(distance: distance, bearing: bearing), ["distance_m", "bearing_deg"], 3)
        case .telemetryDropout:
            return (.dropout, [], 20)
        case .clockSkew:
            let offset = try p.number("offset_s", in: -3_600...3_600, default: 10)
            // Within the gateway's tolerance (2 s ahead, 30 s behind) the skew would not be a fault at all.
            guard offset > 4 || offset < -40 else {
                throw p.issue("offset_s", .number(offset), "must be over 4 s ahead or over 40 s behind to be a fault")
            }
            return (.clockSkew(offset: offset), ["offset_s"], 10)
        case .malformedJSON:
            return (.malformed(stream: try p.has("stream") ? p.identifier("stream") : nil), ["stream"], nil)
        case .oversizedMessage:
            let bytes = p.has("bytes") ? try p.integer("bytes", in: 65_537...1_000_000) : 70_000
            return (
                .oversized(stream: try p.has("stream") ? p.identifier("stream") : nil, bytes: bytes),
                ["stream", "bytes"], nil
            )
        case .spoofedDroneID:
            return (
                .spoof(
                    stream: try p.has("stream") ? p.identifier("stream") : nil, impersonated: try p.identifier("as")),
                ["stream", "as"], nil
            )
        case .replayedSeq:
            return (.replay(back: try p.number("back_s", in: 1...60, default: 5)), ["back_s"], nil)
        case .expiredAuthorisation:
            let mission = try p.has("mission") ? p.identifier("mission") : nil
            return (.expiredAuthorisation(mission: mission), ["mission"], 86_400)
        }
    }
}
