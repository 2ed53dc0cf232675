import Foundation
import Geo
import StrictJSON

/// Native telemetry and payload v1 messages, written with stable member order so that a seed always gives the
/// same bytes.
enum MessageBuilder {
    /// `value` rounded to `digits` decimals, never negative zero.
    static func round(_ value: Double, _ digits: Int) -> Double {
        let scale = pow(10, Double(digits))
        return (value * scale).rounded() / scale + 0.0
    }

    static func telemetry(_ fix: FixFacts, velocity: (speed: Double, track: Double, vertical: Double), battery: Int)
        -> JSONObject
    {
        [
            "v": .number(1), "drone": .string(fix.drone), "mission": .string(fix.mission), "seq": .number(Int(fix.seq)),
            "time": .string(RFC3339.format(fix.time)),
            "position": .object([
                "lat": .number(fix.position.latitude), "lon": .number(fix.position.longitude),
                "alt_m": .number(fix.altitude), "alt_ref": .string(fix.reference.rawValue),
            ]),
            "velocity": .object([
                "ground_speed_mps": .number(round(velocity.speed, 1)),
                "track_deg": .number(min(round(velocity.track, 1), 360)),
                "vertical_speed_mps": .number(round(velocity.vertical, 1)),
            ]),
            "battery_pct": .number(battery),
        ]
    }

    static func envelope(
        drone: String, mission: String, stream: String, seq: Int, time: Date, product: String, sensor: SensorSpec?,
        zoom: Double?, data: JSONObject
    ) -> JSONObject {
        var object: JSONObject = [
            "v": .number(1), "drone": .string(drone), "mission": .string(mission), "stream": .string(stream),
            "seq": .number(seq), "time": .string(RFC3339.format(time)), "product": .string(product),
        ]
        if let sensor {
            object["sensor"] = .object([
                "kind": .string(sensor.kind), "hfov_deg": .number(sensor.hfov),
                "image_width_px": .number(sensor.imageWidth), "zoom": .number(zoom ?? sensor.zoom),
                "slant_range_m": .number(sensor.slantRange),
            ])
        }
        object["data"] = .object(data)
        return object
    }

    /// A whole number of metres written as an integer (`10`), any other value as it is.
    static func whole(_ value: Double) -> JSONValue {
        value == value.rounded() && abs(value) < 1e9 ? .number(Int(value)) : .number(value)
    }

    static func point(_ p: GeoPoint) -> JSONValue {
        .object(["lat": .number(round(p.latitude, 7)), "lon": .number(round(p.longitude, 7))])
    }

    static func bytes(_ object: JSONObject) -> [UInt8] { Array(JSONWriter.write(.object(object)).utf8) }

    /// The message cut off in the middle: no longer a JSON document.
    static func truncated(_ bytes: [UInt8]) -> [UInt8] { Array(bytes.prefix(max(bytes.count / 2, 1))) }

    /// The message with an extra member that pads it to at least `size` bytes.
    static func padded(_ object: JSONObject, to size: Int) -> [UInt8] {
        var padded = object
        let current = bytes(object).count
        padded["padding"] = .string(String(repeating: "x", count: max(size - current, 0) + 16))
        return bytes(padded)
    }
}
