import AirspaceFixtures
import Compliance
import Foundation
import Geo
import StrictJSON

/// A native telemetry v1 message as JSON, valid by default (D1 in the demo corridor at 13:00Z), that tests
/// change one field at a time.
struct Fix {
    var drone = "D1"
    var mission = "M-0412"
    var seq = 1
    var time = Demo.noon
    var position = Demo.corridor
    var altitude = 75.0
    var reference = "AGL"
    var velocity: JSONObject?
    var battery: Double?
    /// Members added at the top level, such as unknown fields.
    var extra: JSONObject = [:]

    var topic: String { "fleet/\(drone)/telemetry" }

    var json: JSONObject {
        var object: JSONObject = [
            "v": .number(1), "drone": .string(drone), "mission": .string(mission), "seq": .number(seq),
            "time": .string(Fix.format(time)),
            "position": .object([
                "lat": .number(position.latitude), "lon": .number(position.longitude), "alt_m": .number(altitude),
                "alt_ref": .string(reference),
            ]),
        ]
        if let velocity { object["velocity"] = .object(velocity) }
        if let battery { object["battery_pct"] = .number(battery) }
        for member in extra.members { object[member.key] = member.value }
        return object
    }

    var bytes: [UInt8] { Array(JSONWriter.write(.object(json)).utf8) }

    /// RFC 3339 in UTC to the nearest millisecond. `RFC3339.format` truncates, and a time built by adding a
    /// decimal offset (`noon + 2.001 s`) may land a hair under its millisecond; whole seconds are exact.
    static func format(_ time: Date) -> String {
        let millis = Int((time.timeIntervalSince1970 * 1000).rounded())
        let (seconds, fraction) = millis.quotientAndRemainder(dividingBy: 1000)
        let whole = RFC3339.format(Date(timeIntervalSince1970: Double(seconds)))
        let digits = String(fraction)
        return whole.dropLast(4) + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }

    /// The message with one member changed or removed, by dotted path (`position.lat`).
    func with(_ path: String, _ value: JSONValue?) -> JSONObject {
        Fix.set(json, path: path.split(separator: ".").map(String.init), to: value)
    }

    static func set(_ object: JSONObject, path: [String], to value: JSONValue?) -> JSONObject {
        var object = object
        if path.count == 1 {
            object[path[0]] = value
        } else {
            let inner = object[path[0]]?.objectValue ?? [:]
            object[path[0]] = .object(set(inner, path: Array(path.dropFirst()), to: value))
        }
        return object
    }

    /// The same fix `seconds` later, with the next sequence number.
    func next(after seconds: Double = 1, at position: GeoPoint? = nil, altitude: Double? = nil) -> Fix {
        var fix = self
        fix.seq += 1
        fix.time = time.addingTimeInterval(seconds)
        if let position { fix.position = position }
        if let altitude { fix.altitude = altitude }
        return fix
    }
}

func bytes(_ object: JSONObject) -> [UInt8] { Array(JSONWriter.write(.object(object)).utf8) }

func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

extension ComplianceEngine {
    /// Processes a fix on its own topic, received when the drone says it was taken (or at `now`).
    mutating func send(_ fix: Fix, now: Date? = nil) -> Decision {
        process(topic: fix.topic, payload: fix.bytes, receivedAt: now ?? fix.time)
    }
}

extension Decision {
    /// What the gateway would publish for this decision on the default topics.
    var publications: [Publication] { DecisionPublisher(topics: TopicScheme()).publications(for: self) }

    /// The publications to the compliant telemetry topics.
    var egressPublications: [Publication] { publications.filter { $0.topic.hasPrefix("compliant/") } }

    /// The one compliant telemetry message, parsed.
    var egressJSON: JSONObject? {
        guard egressPublications.count == 1 else { return nil }
        return try? JSONParser.parse(egressPublications[0].payload).objectValue
    }

    /// The events published, parsed, in order.
    var publishedEvents: [JSONObject] {
        publications.filter { $0.topic.hasPrefix("flowgate/events/") }.compactMap {
            try? JSONParser.parse($0.payload).objectValue
        }
    }

    var eventKinds: [String] { publishedEvents.compactMap { $0["event"]?.stringValue } }

    var codes: [String] { findings.map(\.code.rawValue) }

    /// Everything published, as text, to search for what must not be there.
    var publishedText: String {
        publications.map { "\($0.topic) \(String(decoding: $0.payload, as: UTF8.self))" }.joined(separator: "\n")
    }
}

extension EngineEvent {
    /// The event as published on the default topics.
    var publication: Publication { DecisionPublisher(topics: TopicScheme()).publication(for: self) }
}

extension JSONValue {
    /// The codes of a `reasons` or `warnings` array.
    var codes: [String] { arrayValue?.compactMap { $0["code"]?.stringValue } ?? [] }
}

/// One seed reproduces a whole sequence of random choices (the fixtures' SplitMix64).
typealias SeededRandom = SplitMix64
