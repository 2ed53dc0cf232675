public import Foundation
import Geo
import StrictJSON

/// What a correct gateway must do with a message, at the default policy.
public enum ExpectedVerdict: String, Sendable, Hashable, CaseIterable {
    case forward, redact, block
    /// Read and kept, nothing to publish and nothing wrong: a MAVLink HEARTBEAT (the gateway's `withhold`
    /// without a reason). Compliant traffic, like a plain forward: never a block.
    case absorb
}

/// Whether a message is position telemetry or a payload data product.
public enum MessageKind: String, Sendable, Hashable {
    case telemetry, payload
}

/// One line of ground truth: `{"index","time","topic","digest","kind","expected","reasons","fault"}`. The
/// digest (SHA-256 of the payload bytes, hex) and the topic identify the message on the gateway's side.
public struct TruthLine: Sendable, Hashable {
    public var index: Int
    public var time: Date
    public var topic: String
    public var digest: String
    public var kind: MessageKind
    public var expected: ExpectedVerdict
    /// Reason codes a correct gateway gives; for forwarded telemetry in breach, its breach codes.
    public var reasons: [String]
    /// The scripted fault that made the message what it is, if any.
    public var fault: String?
    /// The drone and `seq` of a native fix (the numbering the gateway's `seq_gap` events count in), so that a
    /// message lost inside a recorded gap can be told from a plain forward; `nil` for other messages.
    public var droneSeq: DroneSeq?

    public init(
        index: Int, time: Date, topic: String, digest: String, kind: MessageKind, expected: ExpectedVerdict,
        reasons: [String], fault: String?, droneSeq: DroneSeq? = nil
    ) {
        self.index = index
        self.time = time
        self.topic = topic
        self.digest = digest
        self.kind = kind
        self.expected = expected
        self.reasons = reasons
        self.fault = fault
        self.droneSeq = droneSeq
    }

    /// The line as written to a truth file (without the newline).
    public var json: String {
        var object: JSONObject = [
            "index": .number(index), "time": .string(RFC3339.format(time)), "topic": .string(topic),
            "digest": .string(digest), "kind": .string(kind.rawValue), "expected": .string(expected.rawValue),
            "reasons": .array(reasons.map(JSONValue.string)), "fault": fault.map(JSONValue.string) ?? .null,
        ]
        if let droneSeq {
            object["drone"] = .string(droneSeq.drone)
            object["seq"] = .number(Double(droneSeq.seq))
        }
        return JSONWriter.write(.object(object))
    }

    /// Reads a line of a truth file.
    /// - Throws: ``ScoringInputError`` naming the field that is missing or wrong.
    public init(line: String) throws(ScoringInputError) {
        let object = try ScoringInputError.object(line)
        func string(_ key: String) throws(ScoringInputError) -> String {
            guard let text = object[key]?.stringValue else {
                throw ScoringInputError(field: key, problem: "a string is required")
            }
            return text
        }
        guard case .number(let number)? = object["index"], let index = number.intValue else {
            throw ScoringInputError(field: "index", problem: "a whole number is required")
        }
        self.index = index
        let timeText = try string("time")
        do { time = try RFC3339.parse(timeText) } catch {
            throw ScoringInputError(field: "time", problem: error.description)
        }
        topic = try string("topic")
        digest = try string("digest")
        guard let kind = MessageKind(rawValue: try string("kind")) else {
            throw ScoringInputError(field: "kind", problem: "must be telemetry or payload")
        }
        self.kind = kind
        guard let expected = ExpectedVerdict(rawValue: try string("expected")) else {
            throw ScoringInputError(field: "expected", problem: "must be forward, redact, block or absorb")
        }
        self.expected = expected
        guard let reasons = object["reasons"]?.arrayValue?.compactMap(\.stringValue),
            reasons.count == object["reasons"]?.arrayValue?.count
        else {
            throw ScoringInputError(field: "reasons", problem: "an array of reason codes is required")
        }
        self.reasons = reasons
        switch object["fault"] {
        case nil, .null?: fault = nil
        case .string(let name)?: fault = name
        default: throw ScoringInputError(field: "fault", problem: "a fault name or null is required")
        }
        // Optional: truth files written before they were kept have neither.
        switch (object["drone"], object["seq"]) {
        case (nil, nil): droneSeq = nil
        case (.string(let drone)?, .number(let number)?):
            guard let value = number.intValue, value >= 0 else {
                throw ScoringInputError(field: "seq", problem: "a whole number of 0 or more is required")
            }
            droneSeq = DroneSeq(drone: drone, seq: value)
        default: throw ScoringInputError(field: "seq", problem: "a drone (string) and its seq (number) go together")
        }
    }
}

/// A line of a truth or replay file that cannot be read: the field and what is wrong.
public struct ScoringInputError: Error, Sendable, Hashable, CustomStringConvertible {
    public var field: String?
    public var problem: String

    public init(field: String?, problem: String) {
        self.field = field
        self.problem = problem
    }

    public var description: String { field.map { "\($0): \(problem)" } ?? problem }

    static func object(_ line: String) throws(ScoringInputError) -> JSONObject {
        let value: JSONValue
        do { value = try JSONParser.parse(line) } catch {
            throw ScoringInputError(field: nil, problem: "not valid JSON: \(error)")
        }
        guard let object = value.objectValue else {
            throw ScoringInputError(field: nil, problem: "expected a JSON object, found \(value.typeName)")
        }
        return object
    }
}
