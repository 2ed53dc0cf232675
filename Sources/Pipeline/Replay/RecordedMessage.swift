public import Foundation
import Geo
import StrictJSON

/// One line of a recording: `{"time":"RFC 3339","topic":"...","payload":{...}}`, or `"payload_b64"` for the
/// exact bytes (which is the only way to record a payload that is not a JSON object, or one with duplicate
/// keys).
public struct RecordedMessage: Sendable {
    public var time: Date
    public var topic: String
    public var payload: [UInt8]

    public init(time: Date, topic: String, payload: [UInt8]) {
        self.time = time
        self.topic = topic
        self.payload = payload
    }

    /// Reads one recording line.
    /// - Throws: ``RecordingError`` naming the field that is missing or wrong.
    public init(line: String) throws(RecordingError) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(line, limits: .init(maximumDepth: 32))
        } catch {
            throw RecordingError(field: nil, problem: "not valid JSON: \(error)")
        }
        guard let object = value.objectValue else {
            throw RecordingError(field: nil, problem: "expected a JSON object, found \(value.typeName)")
        }
        if let unknown = object.keys.first(where: { !["time", "topic", "payload", "payload_b64"].contains($0) }) {
            throw RecordingError(field: unknown, problem: "unknown field (known: time, topic, payload, payload_b64)")
        }
        guard let timeText = object["time"]?.stringValue else {
            throw RecordingError(field: "time", problem: "an RFC 3339 time string is required")
        }
        do {
            time = try RFC3339.parse(timeText)
        } catch {
            throw RecordingError(field: "time", problem: error.description)
        }
        guard let topic = object["topic"]?.stringValue, !topic.isEmpty else {
            throw RecordingError(field: "topic", problem: "a non-empty topic string is required")
        }
        self.topic = topic
        switch (object["payload"], object["payload_b64"]) {
        case (let json?, nil):
            payload = JSONWriter.bytes(json)
        case (nil, let encoded?):
            guard let text = encoded.stringValue, let data = Data(base64Encoded: text) else {
                throw RecordingError(field: "payload_b64", problem: "expected base64 text")
            }
            payload = Array(data)
        case (nil, nil):
            throw RecordingError(field: "payload", problem: "payload or payload_b64 is required")
        case (_?, _?):
            throw RecordingError(field: "payload", problem: "give payload or payload_b64, not both")
        }
    }
}

public struct RecordingError: Error, Sendable, Hashable, CustomStringConvertible {
    public var field: String?
    public var problem: String

    public var description: String { field.map { "\($0): \(problem)" } ?? problem }
}
