import Foundation
import Gateway
import Geo
import Pipeline
import StrictJSON
import Testing

@Suite("Recording lines")
struct RecordedMessageTests {
    func error(_ line: String) -> RecordingError? {
        do {
            _ = try RecordedMessage(line: line)
            return nil
        } catch {
            return error
        }
    }

    @Test("a JSON payload is recorded as the JSON text of the object")
    func jsonPayload() throws {
        let payload = #"{"v":1,"a":[true,null,"x"],"n":75.0,"m":75}"#
        let message = try RecordedMessage(
            line: #"{"time":"2026-11-28T14:00:00.5+01:00","topic":"fleet/D1/telemetry","payload":\#(payload)}"#)
        #expect(message.time == (try RFC3339.parse("2026-11-28T13:00:00.500Z")))
        #expect(message.topic == "fleet/D1/telemetry")
        #expect(String(decoding: message.payload, as: UTF8.self) == payload)
    }

    @Test("payload_b64 gives the exact bytes, even when they are not JSON or not UTF-8")
    func base64Payload() throws {
        let bytes: [UInt8] = [0xFF, 0x00, 0x7B, 0x22, 0x76, 0x22, 0x3A, 0x31, 0x2C, 0x22, 0x76, 0x22, 0x3A, 0x32, 0x7D]
        let encoded = Data(bytes).base64EncodedString()
        let message = try RecordedMessage(
            line: #"{"time":"2026-11-28T13:00:00Z","topic":"fleet/D1/telemetry","payload_b64":"\#(encoded)"}"#)
        #expect(message.payload == bytes)
        let empty = try RecordedMessage(line: #"{"time":"2026-11-28T13:00:00Z","topic":"t","payload_b64":""}"#)
        #expect(empty.payload.isEmpty)
    }

    @Test("a payload that is not an object is recorded as its JSON text")
    func nonObjectPayload() throws {
        let message = try RecordedMessage(line: #"{"time":"2026-11-28T13:00:00Z","topic":"t","payload":[1,2]}"#)
        #expect(message.payload == Array("[1,2]".utf8))
    }

    @Test(
        "each wrong line names the field at fault",
        arguments: [
            (#"{"time":"2026-11-28T13:00:00Z","topic":"t","payload":{},"payload_b64":"e30="}"#, "payload"),
            (#"{"time":"2026-11-28T13:00:00Z","topic":"t"}"#, "payload"),
            (#"{"time":"2026-11-28T13:00:00","topic":"t","payload":{}}"#, "time"),
            (#"{"time":"yesterday","topic":"t","payload":{}}"#, "time"),
            (#"{"time":1795870800,"topic":"t","payload":{}}"#, "time"),
            (#"{"topic":"t","payload":{}}"#, "time"),
            (#"{"time":"2026-11-28T13:00:00Z","payload":{}}"#, "topic"),
            (#"{"time":"2026-11-28T13:00:00Z","topic":"","payload":{}}"#, "topic"),
            (#"{"time":"2026-11-28T13:00:00Z","topic":7,"payload":{}}"#, "topic"),
            (#"{"time":"2026-11-28T13:00:00Z","topic":"t","payload_b64":"not base64!"}"#, "payload_b64"),
            (#"{"time":"2026-11-28T13:00:00Z","topic":"t","payload_b64":{"a":1}}"#, "payload_b64"),
            (#"{"time":"2026-11-28T13:00:00Z","topic":"t","payload":{},"qos":1}"#, "qos"),
            (#"{"time":"2026-11-28T13:00:00Z","topic":"t","payload":{},"Payload":{}}"#, "Payload"),
        ])
    func wrongField(line: String, field: String) throws {
        let refused = try #require(error(line), "accepted: \(line)")
        #expect(refused.field == field, "\(line): \(refused)")
        #expect(refused.description.hasPrefix("\(field): "))
    }

    @Test("an unknown field's problem lists the known ones")
    func unknownField() throws {
        let refused = try #require(error(#"{"time":"2026-11-28T13:00:00Z","topic":"t","payload":{},"qos":1}"#))
        #expect(refused.problem == "unknown field (known: time, topic, payload, payload_b64)")
    }

    @Test(
        "a line that is not one JSON object names no field",
        arguments: [
            "", "not json", "[1]", #"{"time":"2026-11-28T13:00:00Z","topic":"t","payload":{"a":1,"a":2}}"#, "{",
        ])
    func notAnObject(line: String) throws {
        let refused = try #require(error(line))
        #expect(refused.field == nil)
    }
}
