public import Foundation
import Geo
import StrictJSON

/// Lines of a recording in the replay format: `{"time","topic","payload"}`, or `"payload_b64"` with the exact
/// bytes when they are not a JSON object that reads back byte for byte (a malformed or oversized message).
public enum RecordingLine {
    /// Above this a payload is recorded as base64 even when it is JSON, as the gateway refuses it unread.
    static let largestInline = 64 * 1024

    public static func line(time: Date, topic: String, payload: [UInt8]) -> String {
        var object: JSONObject = ["time": .string(RFC3339.format(time)), "topic": .string(topic)]
        if payload.count <= largestInline, let value = try? JSONParser.parse(payload), value.objectValue != nil,
            Array(JSONWriter.write(value).utf8) == payload
        {
            object["payload"] = value
        } else {
            object["payload_b64"] = .string(Data(payload).base64EncodedString())
        }
        return JSONWriter.write(.object(object))
    }

    /// The recording line of a simulated message, stamped with the time it is published.
    public static func line(_ message: SimulatedMessage) -> String {
        line(time: message.time, topic: message.topic, payload: message.payload)
    }
}
