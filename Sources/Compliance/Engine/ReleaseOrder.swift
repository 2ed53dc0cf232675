public import Crypto
public import Foundation
import Geo
import HexEncoding
import StrictJSON

/// An operator's order to lift a stream's suspension, as published on the control topic:
/// `{"action":"release","drone":"D1","stream":"cam0","operator":"duty-officer-7","reason":"...",
/// "time":"2026-11-28T14:03:22.120Z","nonce":"<32 hex>","signature":"<base64 Ed25519>"}`.
/// Strict like every other input: an order that is not exactly this is refused, and nothing is released. The
/// signature covers every other member (``signedBytes``); ``ReleaseAuthenticator`` checks it against the key
/// the configuration lists for the operator.
public struct ReleaseOrder: Sendable, Hashable {
    public var stream: StreamKey
    public var operatorName: String
    public var reason: String
    public var issuedAt: Date
    /// Unique per order: a replayed order is refused by it.
    public var nonce: String
    public var signature: Data

    public init(
        stream: StreamKey, operatorName: String, reason: String, issuedAt: Date, nonce: String, signature: Data = Data()
    ) {
        self.stream = stream
        self.operatorName = operatorName
        self.reason = reason
        self.issuedAt = issuedAt
        self.nonce = nonce
        self.signature = signature
    }

    /// A new order signed with the operator's key, with a fresh random nonce.
    public static func signed(
        stream: StreamKey, operatorName: String, reason: String, issuedAt: Date,
        key: Curve25519.Signing.PrivateKey
    ) throws -> ReleaseOrder {
        var generator = SystemRandomNumberGenerator()
        let nonce = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }.hexString
        var order = ReleaseOrder(
            stream: stream, operatorName: operatorName, reason: reason, issuedAt: issuedAt, nonce: nonce)
        order.signature = try key.signature(for: order.signedBytes)
        return order
    }

    /// What the signature covers: every member but the signature, as a JSON array of strings (JSON's escaping
    /// makes the boundaries unambiguous whatever the reason holds).
    public var signedBytes: [UInt8] {
        JSONWriter.bytes(
            .array(
                [
                    "flowgate-release-v1", stream.drone, stream.stream, operatorName, reason,
                    RFC3339.format(issuedAt), nonce,
                ].map { JSONValue.string($0) }))
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
        let members = ["action", "drone", "stream", "operator", "reason", "time", "nonce", "signature"]
        for key in object.keys where !members.contains(key) {
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
        guard object["signature"] != nil, object["nonce"] != nil, object["time"] != nil else {
            throw Rejection(
                .notAuthenticated, field: "signature", problem: "an order must be signed (time, nonce, signature)")
        }
        let nonce = try fields.string("nonce")
        guard (16...64).contains(nonce.utf8.count), nonce.utf8.allSatisfy(Self.isHexDigit) else {
            throw Rejection(.invalidField, field: "nonce", problem: "must be 16 to 64 hex digits")
        }
        guard let signature = Data(base64Encoded: try fields.string("signature")), signature.count == 64 else {
            throw Rejection(.invalidField, field: "signature", problem: "must be a base64 Ed25519 signature")
        }
        self.init(
            stream: StreamKey(drone: drone, stream: stream), operatorName: operatorName, reason: reason,
            issuedAt: try fields.time("time"), nonce: nonce, signature: signature)
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66)
    }

    /// The order as published on the control topic.
    public var json: [UInt8] {
        JSONWriter.bytes(
            .object([
                "action": "release", "drone": .string(stream.drone), "stream": .string(stream.stream),
                "operator": .string(operatorName), "reason": .string(reason), "time": .string(RFC3339.format(issuedAt)),
                "nonce": .string(nonce), "signature": .string(signature.base64EncodedString()),
            ]))
    }
}
