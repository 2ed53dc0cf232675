import Foundation
import Geo
import StrictJSON

/// Decodes native telemetry v1, strictly: required fields, types and ranges are checked, the drone id in the
/// payload must be the one in the topic, and the size is limited before anything is parsed. Unknown fields
/// are dropped (the normalised fix is rebuilt from what was understood, so they never reach egress).
public struct TelemetryDecoder: Sendable {
    /// The largest payload accepted, bytes.
    public var maximumBytes: Int

    public static let defaultMaximumBytes = 64 * 1024

    public init(maximumBytes: Int = TelemetryDecoder.defaultMaximumBytes) {
        self.maximumBytes = maximumBytes
    }

    /// - Parameter topicDrone: the drone id the topic names.
    /// - Throws: a ``Rejection`` naming the first field or rule that failed.
    public func decode(_ payload: some Collection<UInt8>, topicDrone: String) throws(Rejection) -> TelemetryFix {
        // The plain common case straight from the bytes; anything else through the tree, which has the errors.
        if payload.count <= maximumBytes,
            let fix = payload.withContiguousStorageIfAvailable({ TelemetryScan.fix(in: $0, topicDrone: topicDrone) })
                ?? nil
        {
            return fix
        }
        return try decodeTree(payload, topicDrone: topicDrone)
    }

    /// The reference decoding, through a parsed tree: every rejection comes from here.
    func decodeTree(_ payload: some Collection<UInt8>, topicDrone: String) throws(Rejection) -> TelemetryFix {
        let object = try Fields.openEnvelope(payload, maximumBytes: maximumBytes, maximumDepth: 8)
        let fields = Fields(object: object, path: "")
        try fields.requireVersion1()
        let drone = try fields.drone(matching: topicDrone)
        let mission = try fields.identifier("mission")
        let seq = try fields.integer("seq", in: 0...9_007_199_254_740_991)
        let time = try fields.time("time")
        let position = try fields.object("position")
        let lat = try position.number("lat", in: -90...90)
        let lon = try position.number("lon", in: -180...180)
        let altitude = try position.number("alt_m", in: -1_000...100_000)
        let referenceText = try position.string("alt_ref")
        guard let reference = AltitudeReference(rawValue: referenceText) else {
            throw Rejection(.invalidField, field: "position.alt_ref", problem: "must be AGL, AMSL or WGS84")
        }
        var velocity: TelemetryFix.Velocity?
        if let v = try fields.optionalObject("velocity") {
            velocity = TelemetryFix.Velocity(
                groundSpeed: try v.optionalNumber("ground_speed_mps", in: 0...300),
                track: try v.optionalNumber("track_deg", in: 0...360),
                verticalSpeed: try v.optionalNumber("vertical_speed_mps", in: -200...200))
        }
        let battery = try fields.optionalNumber("battery_pct", in: 0...100)
        return TelemetryFix(
            drone: drone, mission: mission, seq: UInt64(seq), time: time,
            position: GeoPoint(latitude: lat, longitude: lon), altitude: altitude, altitudeReference: reference,
            velocity: velocity, batteryPercent: battery)
    }
}

/// Typed, throwing access to one object's members for the decoders; errors name the field's full path.
struct Fields {
    let object: JSONObject
    let path: String

    func path(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// A native message (telemetry or payload) as a JSON object: the size checked before anything is parsed.
    static func openEnvelope(_ payload: some Collection<UInt8>, maximumBytes: Int, maximumDepth: Int)
        throws(Rejection) -> JSONObject
    {
        guard payload.count <= maximumBytes else {
            throw Rejection(.messageTooLarge, problem: "\(payload.count) bytes, over the limit of \(maximumBytes)")
        }
        let document: JSONValue
        do {
            document = try JSONParser.parse(payload, limits: .init(maximumDepth: maximumDepth))
        } catch {
            // Position only: the parser's own message can quote a key or a character of the refused payload.
            throw Rejection(.malformedJSON, problem: "not valid JSON at line \(error.line), column \(error.column)")
        }
        guard let object = document.objectValue else {
            throw Rejection(.malformedJSON, problem: "expected a JSON object, found \(document.typeName)")
        }
        return object
    }

    /// The envelope's `v`, which must be 1.
    func requireVersion1() throws(Rejection) {
        let version = try integer("v", in: 0...1_000)
        guard version == 1 else {
            throw Rejection(
                .unsupportedVersion, field: "v", problem: "version \(version) is not supported (expected 1)")
        }
    }

    /// The envelope's `drone`, which must be the one the topic names (else: spoofing).
    func drone(matching topicDrone: String) throws(Rejection) -> String {
        let drone = try identifier("drone")
        guard drone == topicDrone else {
            throw Rejection(.droneMismatch, field: "drone", problem: "the payload names another drone than the topic")
        }
        return drone
    }

    func value(_ key: String) throws(Rejection) -> JSONValue {
        guard let value = object[key] else { throw Rejection(.invalidField, field: path(key), problem: "is required") }
        guard value != .null else {
            throw Rejection(.invalidField, field: path(key), problem: "may not be null; give a value or leave it out")
        }
        return value
    }

    func string(_ key: String) throws(Rejection) -> String {
        let value = try value(key)
        guard let text = value.stringValue else {
            throw Rejection(.invalidField, field: path(key), problem: "expected a string, found \(value.typeName)")
        }
        return text
    }

    /// A drone or mission id: 1 to 64 characters of letters, digits, `-`, `_` and `.`, so that it is safe in
    /// topics and reports.
    func identifier(_ key: String) throws(Rejection) -> String {
        let text = try string(key)
        guard (1...64).contains(text.utf8.count), text.utf8.allSatisfy(Fields.isIdentifierByte) else {
            throw Rejection(
                .invalidField, field: path(key), problem: "must be 1 to 64 letters, digits, '-', '_' or '.'")
        }
        return text
    }

    static func isIdentifierByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F
            || b == 0x2E
    }

    func number(_ key: String, in range: ClosedRange<Double>) throws(Rejection) -> Double {
        let value = try value(key)
        guard let number = value.doubleValue else {
            throw Rejection(.invalidField, field: path(key), problem: "expected a number, found \(value.typeName)")
        }
        guard range.contains(number) else {
            throw Rejection(
                .invalidField, field: path(key), problem: "out of range \(range.lowerBound)...\(range.upperBound)")
        }
        return number
    }

    func optionalNumber(_ key: String, in range: ClosedRange<Double>) throws(Rejection) -> Double? {
        object[key] == nil ? nil : try number(key, in: range)
    }

    func integer(_ key: String, in range: ClosedRange<Double>) throws(Rejection) -> Int {
        let number = try number(key, in: range)
        guard let integer = Int(exactly: number) else {
            throw Rejection(.invalidField, field: path(key), problem: "expected a whole number")
        }
        return integer
    }

    func time(_ key: String) throws(Rejection) -> Date {
        let text = try string(key)
        do {
            return try RFC3339.parse(text)
        } catch {
            // The parser's message quotes the offending numbers; a rejection names the rule only.
            throw Rejection(
                .invalidField, field: path(key), problem: "not an RFC 3339 timestamp with a time zone offset")
        }
    }

    func object(_ key: String) throws(Rejection) -> Fields {
        let value = try value(key)
        guard let nested = value.objectValue else {
            throw Rejection(.invalidField, field: path(key), problem: "expected an object, found \(value.typeName)")
        }
        return Fields(object: nested, path: path(key))
    }

    func optionalObject(_ key: String) throws(Rejection) -> Fields? {
        object[key] == nil ? nil : try object(key)
    }
}
