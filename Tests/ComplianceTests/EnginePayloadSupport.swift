import Compliance
import Foundation
import StrictJSON

/// A native payload v1 message from a demo drone (D1, mission M-0412, stream cam0), valid by default: the
/// PRODUCT.md density grid, no sensor. Tests change one member at a time.
struct LivePayload {
    var drone = "D1"
    var mission = "M-0412"
    var stream = "cam0"
    var seq = 1
    var time = Demo.noon
    var product = "crowd_density"
    var sensor: JSONObject?
    var data: JSONObject = Payload.density()

    var topic: String { "fleet/\(drone)/payload/\(stream)" }

    var json: JSONObject {
        var object: JSONObject = [
            "v": .number(1), "drone": .string(drone), "mission": .string(mission), "stream": .string(stream),
            "seq": .number(seq), "time": .string(Fix.format(time)), "product": .string(product),
        ]
        if let sensor { object["sensor"] = .object(sensor) }
        object["data"] = .object(data)
        return object
    }

    var bytes: [UInt8] { Array(JSONWriter.write(.object(json)).utf8) }

    /// An identification product on this stream: always blocked, and it latches the stream.
    var identifying: LivePayload {
        var payload = self
        payload.product = "face_crop"
        payload.data = ["frame_ref": "urn:flowgate:frame:D1:cam0:1"]
        return payload
    }

    /// A camera looking straight down with a 90° horizontal field of view and no slant range: its ground
    /// pixel density is `width / (2 * height above ground)`, so it depends on the drone's live fix.
    static func nadirCamera(width: Int) -> JSONObject {
        [
            "kind": "eo_camera", "hfov_deg": .number(90.0), "image_width_px": .number(width), "zoom": .number(1.0),
            "depression_deg": .number(90.0),
        ]
    }

    /// A frame from a camera whose slant range of 10 m puts it far over the 80 px/m ceiling (about 160 px/m).
    static var closeImagery: LivePayload {
        var payload = LivePayload()
        payload.product = "imagery"
        payload.sensor = Fix.set(Payload.camera, path: ["slant_range_m"], to: .number(10))
        payload.data = ["frame_ref": "urn:flowgate:frame:D1:cam0:1"]
        return payload
    }
}

extension ComplianceEngine {
    /// Processes a payload message on its own topic, received at `now` (its own time by default).
    mutating func send(_ payload: LivePayload, now: Date? = nil) -> Decision {
        process(topic: payload.topic, payload: payload.bytes, receivedAt: now ?? payload.time)
    }

    /// An engine on the demo site that has just accepted D1's compliant fix in the corridor at noon, 75 m AGL.
    static func withCompliantFix(_ edit: (inout CompliancePolicy) -> Void = { _ in }) -> ComplianceEngine {
        var engine = Demo.engine(edit)
        let decision = engine.send(Fix())
        precondition(decision.state == .compliant, "the demo fix is not compliant: \(decision.codes)")
        return engine
    }
}

extension Decision {
    /// The events' kinds with the reason codes each carries, to compare in one go.
    var eventReasons: [String: [String]] {
        Dictionary(
            publishedEvents.compactMap { event in
                event["event"]?.stringValue.map { ($0, event["reasons"]?.codes ?? []) }
            },
            uniquingKeysWith: { first, _ in first })
    }
}
