import Compliance
import Foundation
import StrictJSON
import Testing

/// The rejection a payload gets, or `nil` when it decodes.
func rejection(_ payload: [UInt8], topicDrone: String = "D1", decoder: TelemetryDecoder = TelemetryDecoder())
    -> Rejection?
{
    do {
        _ = try decoder.decode(payload, topicDrone: topicDrone)
        return nil
    } catch {
        return error
    }
}

/// A valid fix padded with an unknown member to exactly `size` bytes.
func paddedFix(size: Int) -> [UInt8] {
    var fix = Fix()
    fix.extra = ["x_pad": ""]
    let base = fix.bytes.count
    precondition(size >= base, "a fix needs at least \(base) bytes")
    fix.extra = ["x_pad": .string(String(repeating: "a", count: size - base))]
    return fix.bytes
}

@Suite("Decoding native telemetry: size limit")
struct DecoderSizeTests {
    @Test("exactly the limit is accepted, one byte more is refused", arguments: [300, 1_024, 65_536])
    func boundary(limit: Int) throws {
        let decoder = TelemetryDecoder(maximumBytes: limit)
        let atLimit = paddedFix(size: limit)
        #expect(atLimit.count == limit)
        #expect(rejection(atLimit, decoder: decoder) == nil)
        let over = paddedFix(size: limit + 1)
        #expect(over.count == limit + 1)
        let refused = try #require(rejection(over, decoder: decoder))
        #expect(refused.code == .messageTooLarge)
        #expect(refused.field == nil)
        #expect(refused.problem.contains("\(limit + 1) bytes"))
        #expect(refused.problem.contains("\(limit)"))
    }

    @Test("the size is checked before parsing: an oversized non-JSON payload is too large, not malformed")
    func beforeParsing() throws {
        let decoder = TelemetryDecoder(maximumBytes: 256)
        let garbage = [UInt8](repeating: 0xFF, count: 257)
        #expect(rejection(garbage, decoder: decoder)?.code == .messageTooLarge)
        #expect(rejection(Array(garbage.prefix(256)), decoder: decoder)?.code == .malformedJSON)
    }

    @Test("the engine applies the policy's limit")
    func engineLimit() {
        var engine = Demo.engine { $0.maximumBytes = 400 }
        let fitting = engine.process(topic: "fleet/D1/telemetry", payload: paddedFix(size: 400), receivedAt: Demo.noon)
        #expect(fitting.verdict == .forward)
        var over = Fix()
        over.seq = 2
        over.extra = ["x_pad": .string(String(repeating: "a", count: 400))]
        let refused = engine.send(over)
        #expect(refused.verdict == .reject)
        #expect(refused.rejection?.code == .messageTooLarge)
    }
}

@Suite("Decoding native telemetry: malformed JSON and versions")
struct DecoderMalformedTests {
    @Test(
        "what is not one JSON object is malformed_json",
        arguments: [
            ("truncated", #"{"v":1,"drone":"D1""#),
            ("empty", ""),
            ("white space only", "  \n"),
            ("an array", "[1,2,3]"),
            ("a string", #""D1""#),
            ("a number", "1"),
            ("null", "null"),
            ("duplicate key", #"{"v":1,"v":1}"#),
            ("number that overflows a Double", #"{"v":1,"x":1e999}"#),
            ("NaN", #"{"v":1,"x":NaN}"#),
            ("Infinity", #"{"v":1,"x":-Infinity}"#),
            ("trailing text", #"{"v":1} {}"#),
            ("single quotes", "{'v':1}"),
            ("comment", #"{"v":1 /* one */}"#),
            ("trailing comma", #"{"v":1,}"#),
            ("nested deeper than 8", #"{"x":[[[[[[[[[1]]]]]]]]]}"#),
        ])
    func malformed(name: String, text: String) throws {
        let refused = try #require(rejection(bytes(text)), "\(name)")
        #expect(refused.code == .malformedJSON, "\(name)")
    }

    @Test("invalid UTF-8 is malformed_json")
    func invalidUTF8() {
        var payload = bytes(#"{"v":1,"x":"a"}"#)
        payload[12] = 0xC3  // a lead byte followed by a quote
        #expect(rejection(payload)?.code == .malformedJSON)
    }

    @Test("a duplicate key inside a valid fix is refused, not resolved")
    func duplicateInsideFix() throws {
        // The second "drone" would otherwise smuggle another identity past the topic check.
        var text = JSONWriter.write(.object(Fix().json))
        text.insert(contentsOf: #""drone":"D2","#, at: text.index(after: text.startIndex))
        #expect(rejection(bytes(text))?.code == .malformedJSON)
    }

    @Test("version 2 is unsupported_version", arguments: [0, 2, 1_000])
    func otherVersion(version: Int) throws {
        let refused = try #require(rejection(bytes(Fix().with("v", .number(version)))))
        #expect(refused.code == .unsupportedVersion)
        #expect(refused.field == "v")
    }

    @Test(
        "a missing or mistyped version is invalid_field",
        arguments: [
            JSONValue?.none, .string("1"), .number(1.5), .number(-1), .bool(true), .null,
        ])
    func badVersion(value: JSONValue?) throws {
        let refused = try #require(rejection(bytes(Fix().with("v", value))))
        #expect(refused.code == .invalidField)
        #expect(refused.field == "v")
    }
}

@Suite("Decoding native telemetry: invalid fields")
struct DecoderFieldTests {
    /// One broken member per case: the path, the value (nil: left out) and the field the rejection must name.
    static let cases: [(String, JSONValue?, String)] = [
        ("drone", nil, "drone"),
        ("drone", .number(1), "drone"),
        ("drone", "", "drone"),
        ("drone", "D 1", "drone"),
        ("drone", "D1/x", "drone"),
        ("drone", "D1+", "drone"),
        ("drone", "Drohne-Ü", "drone"),
        ("mission", nil, "mission"),
        ("mission", "M 0412", "mission"),
        ("mission", .string(String(repeating: "M", count: 65)), "mission"),
        ("mission", .array([]), "mission"),
        ("seq", nil, "seq"),
        ("seq", .number(-1), "seq"),
        ("seq", .number(1.5), "seq"),
        ("seq", "1", "seq"),
        ("seq", .number(9_007_199_254_740_992), "seq"),
        ("time", nil, "time"),
        ("time", "2026-11-28T13:00:00", "time"),
        ("time", "2026-11-28 13:00", "time"),
        ("time", "2026-02-30T13:00:00Z", "time"),
        ("time", "2026-11-28T25:00:00Z", "time"),
        ("time", .number(1_795_000_000), "time"),
        ("position", nil, "position"),
        ("position", .array([.number(52.5), .number(13.4)]), "position"),
        ("position", "52.5,13.4", "position"),
        ("position.lat", nil, "position.lat"),
        ("position.lat", .number(91), "position.lat"),
        ("position.lat", .number(-90.000001), "position.lat"),
        ("position.lat", "52.5152", "position.lat"),
        ("position.lat", .null, "position.lat"),
        ("position.lon", nil, "position.lon"),
        ("position.lon", .number(-181), "position.lon"),
        ("position.lon", .number(180.5), "position.lon"),
        ("position.alt_m", nil, "position.alt_m"),
        ("position.alt_m", .number(100_001), "position.alt_m"),
        ("position.alt_m", .number(-1_001), "position.alt_m"),
        ("position.alt_m", .bool(false), "position.alt_m"),
        ("position.alt_ref", nil, "position.alt_ref"),
        ("position.alt_ref", "agl", "position.alt_ref"),
        ("position.alt_ref", "MSL", "position.alt_ref"),
        ("position.alt_ref", .number(1), "position.alt_ref"),
        ("velocity", "fast", "velocity"),
        ("velocity", .null, "velocity"),
        ("velocity.ground_speed_mps", .number(-1), "velocity.ground_speed_mps"),
        ("velocity.ground_speed_mps", .number(301), "velocity.ground_speed_mps"),
        ("velocity.track_deg", .number(361), "velocity.track_deg"),
        ("velocity.track_deg", "east", "velocity.track_deg"),
        ("velocity.vertical_speed_mps", .number(-201), "velocity.vertical_speed_mps"),
        ("battery_pct", .number(101), "battery_pct"),
        ("battery_pct", .number(-1), "battery_pct"),
        ("battery_pct", "71", "battery_pct"),
    ]

    @Test("each required field missing, mistyped or out of range is invalid_field naming it", arguments: cases)
    func invalid(path: String, value: JSONValue?, field: String) throws {
        var object = Fix().json
        if path.hasPrefix("velocity.") { object["velocity"] = .object(["track_deg": .number(10)]) }
        object = Fix.set(object, path: path.split(separator: ".").map(String.init), to: value)
        let refused = try #require(rejection(bytes(object)), "\(path) = \(String(describing: value))")
        #expect(refused.code == .invalidField, "\(path) = \(String(describing: value))")
        #expect(refused.field == field, "\(path) = \(String(describing: value))")
        #expect(refused.description.hasPrefix("invalid_field (\(field)): "))
    }

    @Test("a drone id of 65 characters is invalid_field, even when the topic names the same")
    func droneTooLong() throws {
        let id = String(repeating: "D", count: 65)
        var fix = Fix()
        fix.drone = id
        let refused = try #require(rejection(fix.bytes, topicDrone: id))
        #expect(refused.code == .invalidField)
        #expect(refused.field == "drone")
    }

    @Test("spoofing: a payload naming another drone than its topic is drone_mismatch", arguments: ["D2", "d1", "D1 "])
    func mismatch(payloadDrone: String) throws {
        var fix = Fix()
        fix.drone = payloadDrone
        let refused = try #require(rejection(fix.bytes, topicDrone: "D1"))
        // "D1 " is not a valid id at all; the others are valid ids that differ from the topic's.
        #expect(refused.code == (payloadDrone == "D1 " ? .invalidField : .droneMismatch))
        #expect(refused.field == "drone")
    }

    @Test("the rejection description names code, field and problem")
    func description() {
        let plain = Rejection(.malformedJSON, problem: "not valid JSON at line 1, column 2")
        #expect(plain.description == "malformed_json: not valid JSON at line 1, column 2")
        let withField = Rejection(.invalidField, field: "position.lat", problem: "is required")
        #expect(withField.description == "invalid_field (position.lat): is required")
        #expect(
            RejectionCode.allCases.map(\.rawValue).sorted() == [
                "drone_mismatch", "invalid_field", "malformed_json", "message_too_large", "not_authenticated",
                "unknown_topic", "unsupported_version",
            ])
    }
}
