import Foundation
import StrictJSON

/// An operator's order to lift a stream's suspension, as published on the control topic:
/// `{"action":"release","drone":"D1","stream":"cam0","operator":"duty-officer-7","reason":"..."}`.
/// Strict like every other input: an order that is not exactly this is refused, and nothing is released.
public struct ReleaseOrder: Sendable, Hashable {
    public var stream: StreamKey
    public var operatorName: String
    public var reason: String

    public init(stream: StreamKey, operatorName: String, reason: String) {
        self.stream = stream
        self.operatorName = operatorName
        self.reason = reason
    }

    /// - Throws: a ``Rejection`` naming the field at fault.
    public init(json payload: some Collection<UInt8>) throws(Rejection) {
        guard payload.count <= 16 * 1024 else {
            throw Rejection(.messageTooLarge, problem: "\(payload.count) bytes, over the limit of 16384")
        }
        let document: JSONValue
        do {
            document = try JSONParser.parse(payload, limits: .init(maximumDepth: 2))
        } catch {
            throw Rejection(.malformedJSON, problem: "not valid JSON at line \(error.line), column \(error.column)")
        }
        guard let object = document.objectValue else {
            throw Rejection(.malformedJSON, problem: "expected a JSON object, found \(document.typeName)")
        }
        for key in object.keys where !["action", "drone", "stream", "operator", "reason"].contains(key) {
            throw Rejection(.invalidField, field: key, problem: "not a field of a release order")
        }
        let fields = Fields(object: object, path: "")
        guard try fields.string("action") == "release" else {
            throw Rejection(.invalidField, field: "action", problem: "the only action is release")
        }
        let drone = try fields.identifier("drone")
        // A stream is named as published, or by the digest the record and events give a stream whose name
        // names identification.
        let stream = try fields.string("stream")
        guard Fields.isIdentifier(stream.utf8) || SenderName.isDigest(stream) else {
            throw Rejection(
                .invalidField, field: "stream", problem: "must be a stream name or the '#' digest the record gives")
        }
        let operatorName = try fields.string("operator")
        let reason = try fields.string("reason")
        // Accountable: a release names who ordered it and why, in words.
        guard (1...128).contains(operatorName.count) else {
            throw Rejection(.invalidField, field: "operator", problem: "must name the operator (1 to 128 characters)")
        }
        guard (10...2_000).contains(reason.trimmingCharacters(in: .whitespaces).count) else {
            throw Rejection(.invalidField, field: "reason", problem: "must give the reason in 10 to 2000 characters")
        }
        self.init(stream: StreamKey(drone: drone, stream: stream), operatorName: operatorName, reason: reason)
    }

    /// The order as published on the control topic.
    public var json: [UInt8] {
        JSONWriter.bytes(
            .object([
                "action": "release", "drone": .string(stream.drone), "stream": .string(stream.stream),
                "operator": .string(operatorName), "reason": .string(reason),
            ]))
    }
}
