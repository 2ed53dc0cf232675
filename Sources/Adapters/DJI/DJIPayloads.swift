import Compliance
import StrictJSON

/// The camera payloads of a DJI osd `data` object: objects keyed by payload index `{type}-{subtype}-{gimbal}`
/// (`"52-0-0"`) with `gimbal_pitch`, `zoom_factor` and `measure_target_distance`, and a `cameras[]` array whose
/// entries name their `payload_index` and carry the current `zoom_factor`.
struct DJIPayloads {
    let data: MessageFields

    /// One geometry per payload index, in index order; `cameras[]` supplies the zoom when the payload object
    /// has none. The laser range counts only when `measure_target_error_state` is 0 (normal): DJI keeps the
    /// last distance when the target is too close, too far or lost.
    func cameras() throws(Rejection) -> [CameraGeometry] {
        var byIndex: [String: CameraGeometry] = [:]
        for member in data.object.members where Self.isPayloadIndex(member.key) {
            let payload = try data.object(member.key)
            let pitch = try payload.optionalNumber("gimbal_pitch", in: -180...180)
            let zoom = try payload.optionalNumber("zoom_factor", in: 1...1_000)
            var range: Double?
            if payload.has("measure_target_distance") {
                let distance = try payload.number("measure_target_distance", in: 0...100_000)
                let state = try payload.optionalInteger("measure_target_error_state", in: 0...255) ?? 0
                range = state == 0 && distance > 0 ? distance : nil
            }
            byIndex[member.key] = CameraGeometry(
                payloadIndex: member.key, depressionDegrees: pitch.map { -$0 }, zoom: zoom, slantRangeMetres: range)
        }
        if data.has("cameras") {
            for camera in try data.objects("cameras") {
                let index = try camera.string("payload_index")
                guard Self.isPayloadIndex(index) else {
                    throw Rejection(
                        .invalidField, field: camera.path("payload_index"),
                        problem: "expected {type}-{subtype}-{gimbal}")
                }
                let zoom = try camera.optionalNumber("zoom_factor", in: 1...1_000)
                var geometry =
                    byIndex[index]
                    ?? CameraGeometry(payloadIndex: index, depressionDegrees: nil, zoom: nil, slantRangeMetres: nil)
                geometry.zoom = geometry.zoom ?? zoom
                byIndex[index] = geometry
            }
        }
        return byIndex.keys.sorted().compactMap { byIndex[$0] }
    }

    /// `{type}-{subtype}-{gimbal}`: three groups of digits.
    static func isPayloadIndex(_ key: String) -> Bool {
        let parts = key.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.count <= 5 && $0.allSatisfy(\.isASCIIDigit) }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
