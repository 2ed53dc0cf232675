public import Foundation
public import StrictJSON

/// A record as stored: its place in the chain, its columns and its hashes.
public struct AuditRecord: Sendable, Equatable {
    public var seq: Int64
    /// RFC 3339 UTC with milliseconds, as stored.
    public var time: String
    /// The stored kind; ``kindValue`` is `nil` when it is not one flowgate writes.
    public var kind: String
    public var drone: String?
    public var mission: String?
    public var stream: String?
    public var digest: String?
    /// The canonical JSON body, or `nil` when retention removed it.
    public var body: String?
    public var bodyHash: Data
    public var prevHash: Data
    public var hash: Data

    public var kindValue: AuditKind? { AuditKind(rawValue: kind) }
    public var date: Date? { RecordTime.date(time) }
    public var isPruned: Bool { body == nil }
    public var hashHex: String { Hex.encode(hash) }

    /// The body's fields; empty when pruned (or, for a tampered row, when the body is not a JSON object).
    public var fields: JSONObject {
        guard let body, let value = try? JSONParser.parse(body), let object = value.objectValue else { return [:] }
        return object
    }

    var header: RecordHasher.Header {
        RecordHasher.Header(
            seq: seq, time: time, kind: kind, drone: drone, mission: mission, stream: stream, digest: digest,
            bodyHash: bodyHash)
    }
}
