import Foundation
import Geo
import StrictJSON

/// The fast path of ``PayloadInspector``: a native payload v1 message read straight from its bytes, without a
/// tree, as ``TelemetryScan`` reads telemetry.
///
/// It answers only for a message that is plainly valid and holds nothing for the deep inspection to find: only
/// the members its product's schema defines (each once, in any order), values of the right type and range,
/// strings of printable ASCII without escapes that carry no blob, and a product whose data it reads
/// (`crowd_count`, `crowd_density`, `crowd_flow`, `route_estimate`; imagery's references are left to the tree).
/// For anything else it answers `nil` and the inspector parses the message into a tree, so every rejection and
/// every finding still comes from one place. What it accepts decodes to exactly the values of
/// ``PayloadDecoder``'s `decodeEnvelope`, `decodeSensor` and `decodeData`.
struct PayloadScan: Sendable, Hashable {
    var envelope: PayloadEnvelope
    var product: PayloadProduct
    /// The sensor's geometry as ``PayloadDecoder/decodeSensor(_:)`` decodes it; `nil` when the message has none.
    var sensor: SensorGeometry?
    /// The sensor's `kind` as written, which the inspector classifies.
    var sensorKind: String?
    var data: ProductData

    /// The members of one object seen so far, one bit each, to refuse a duplicate as the parser does.
    struct Seen {
        var bits: UInt16 = 0

        mutating func first(_ bit: UInt16) -> Bool {
            defer { bits |= bit }
            return bits & bit == 0
        }

        func has(_ required: UInt16) -> Bool { bits & required == required }
    }

    /// The message, or `nil` when the tree must judge it.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, topicDrone: String, topicStream: String) -> PayloadScan? {
        var scanner = JSONScanner(bytes)
        var seen = Seen()
        var drone: String?, mission: String?, stream: String?, seq: UInt64?, time: Date?
        var product: PayloadProduct?
        var sensor: (geometry: SensorGeometry, kind: String)?
        var data: DataMembers?
        guard scanner.take(UInt8(ascii: "{")) else { return nil }
        repeat {
            guard let key = scanner.key() else { return nil }
            if JSONScanner.matches(key, "v") {
                guard seen.first(1), scanner.number()?.double == 1 else { return nil }
            } else if JSONScanner.matches(key, "drone") {
                guard seen.first(2), let id = identifier(&scanner), id == topicDrone else { return nil }
                drone = id
            } else if JSONScanner.matches(key, "mission") {
                guard seen.first(4), let id = identifier(&scanner) else { return nil }
                mission = id
            } else if JSONScanner.matches(key, "stream") {
                guard seen.first(8), let id = identifier(&scanner), id == topicStream else { return nil }
                stream = id
            } else if JSONScanner.matches(key, "seq") {
                guard seen.first(16), let value = number(&scanner, in: 0...9_007_199_254_740_991),
                    let whole = UInt64(exactly: value)
                else { return nil }
                seq = whole
            } else if JSONScanner.matches(key, "time") {
                guard seen.first(32), let text = plainText(&scanner), let date = try? RFC3339.parse(text) else {
                    return nil
                }
                time = date
            } else if JSONScanner.matches(key, "product") {
                guard seen.first(64), let text = scanner.asciiString(),
                    let known = PayloadProduct(rawValue: String(decoding: text, as: UTF8.self)), known != .imagery
                else { return nil }
                product = known
            } else if JSONScanner.matches(key, "sensor") {
                guard seen.first(128), let value = Self.sensor(&scanner) else { return nil }
                sensor = value
            } else if JSONScanner.matches(key, "data") {
                guard seen.first(256), let value = DataMembers(&scanner) else { return nil }
                data = value
            } else {
                return nil
            }
        } while scanner.take(UInt8(ascii: ","))
        // The data is read before the product may be known (members come in any order): whether its members are
        // the product's is decided here.
        guard scanner.take(UInt8(ascii: "}")), scanner.atEnd(), seen.has(1 | 2 | 4 | 8 | 16 | 32 | 64 | 256),
            let drone, let mission, let stream, let seq, let time, let product, let decoded = data?.decoded(as: product)
        else { return nil }
        return PayloadScan(
            envelope: PayloadEnvelope(
                drone: drone, mission: mission, stream: stream, seq: seq, time: time, product: product.rawValue),
            product: product, sensor: sensor?.geometry, sensorKind: sensor?.kind, data: decoded)
    }

    /// The sensor, by the rules of ``PayloadDecoder/decodeSensor(_:)``, and its kind as written.
    private static func sensor(_ scanner: inout JSONScanner) -> (geometry: SensorGeometry, kind: String)? {
        var seen = Seen()
        var kind = ""
        var geometry = SensorGeometry(
            kind: nil, horizontalFieldOfView: 0, verticalFieldOfView: nil, imageWidth: 0, zoom: 0, slantRange: nil,
            depression: nil)
        guard scanner.take(UInt8(ascii: "{")) else { return nil }
        repeat {
            guard let key = scanner.key() else { return nil }
            if JSONScanner.matches(key, "kind") {
                guard seen.first(1), let text = plainText(&scanner) else { return nil }
                kind = text
            } else if JSONScanner.matches(key, "hfov_deg") {
                guard seen.first(2), let value = number(&scanner, above: 0, below: 180) else { return nil }
                geometry.horizontalFieldOfView = value
            } else if JSONScanner.matches(key, "vfov_deg") {
                guard seen.first(4), let value = number(&scanner, above: 0, below: 180) else { return nil }
                geometry.verticalFieldOfView = value
            } else if JSONScanner.matches(key, "image_width_px") {
                guard seen.first(8), let value = integer(&scanner, in: 1...100_000) else { return nil }
                geometry.imageWidth = value
            } else if JSONScanner.matches(key, "zoom") {
                guard seen.first(16), let value = number(&scanner, in: 1...1_000) else { return nil }
                geometry.zoom = value
            } else if JSONScanner.matches(key, "slant_range_m") {
                guard seen.first(32), let value = number(&scanner, above: 0, below: 1_000_000) else { return nil }
                geometry.slantRange = value
            } else if JSONScanner.matches(key, "depression_deg") {
                guard seen.first(64), let value = number(&scanner, in: 0...90) else { return nil }
                geometry.depression = value
            } else {
                return nil
            }
        } while scanner.take(UInt8(ascii: ","))
        guard scanner.take(UInt8(ascii: "}")), seen.has(1 | 2 | 8 | 16) else { return nil }
        geometry.kind = SensorKind(rawValue: kind)
        return (geometry, kind)
    }

    static func number(_ scanner: inout JSONScanner, in range: ClosedRange<Double>) -> Double? {
        guard let value = scanner.number()?.double, range.contains(value) else { return nil }
        return value
    }

    /// A number strictly between two bounds, as ``Fields/number(_:above:below:)``.
    static func number(_ scanner: inout JSONScanner, above lower: Double, below upper: Double) -> Double? {
        guard let value = scanner.number()?.double, value > lower, value < upper else { return nil }
        return value
    }

    /// A whole number in range, as ``Fields/integer(_:in:)``: `2.0` and `2e0` are 2. (Whole and in range, in
    /// either order: the value of a whole number is exactly its `Double`.)
    static func integer(_ scanner: inout JSONScanner, in range: ClosedRange<Double>) -> Int? {
        guard let value = scanner.integer(), range.contains(Double(value)) else { return nil }
        return value
    }

    /// A string with nothing for the deep inspection to find: printable ASCII without escapes, and no blob
    /// (a drone id can spell a GIF's magic number, a timestamp's fraction a hex-encoded one).
    private static func plainText(_ scanner: inout JSONScanner) -> String? {
        guard let bytes = scanner.asciiString() else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        return EmbeddedBlob.kind(of: text) == nil ? text : nil
    }

    /// A drone, mission or stream id by the rule of ``Fields/identifier(_:)``.
    private static func identifier(_ scanner: inout JSONScanner) -> String? {
        guard let text = plainText(&scanner), Fields.isIdentifier(text.utf8) else { return nil }
        return text
    }
}
