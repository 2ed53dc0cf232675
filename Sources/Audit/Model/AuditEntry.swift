public import Foundation
public import StrictJSON

/// One record to append to the log, before it gets its sequence number and hashes.
///
/// An entry never holds message content: decisions carry a ``PayloadDigest`` (SHA-256 and size), never bytes.
public struct AuditEntry: Sendable, Equatable {
    /// The gateway's clock when the record was made (stored as RFC 3339 UTC with milliseconds).
    public var time: Date
    public var kind: AuditKind
    public var drone: String?
    public var mission: String?
    public var stream: String?
    /// SHA-256 hex of the message payload, for decisions: the simulator's scorer matches on it.
    public var digest: String?
    /// The body, stored in canonical form (see Docs/RECORD.md).
    public var fields: JSONObject

    public init(
        time: Date, kind: AuditKind, drone: String? = nil, mission: String? = nil, stream: String? = nil,
        digest: String? = nil, fields: JSONObject = [:]
    ) {
        self.time = time
        self.kind = kind
        self.drone = drone
        self.mission = mission
        self.stream = stream
        self.digest = digest
        self.fields = fields
    }
}

/// The SHA-256 digest and size of a message payload: all the record ever keeps of a payload's bytes.
public struct PayloadDigest: Sendable, Hashable {
    /// Lowercase hex SHA-256.
    public let hex: String
    public let size: Int

    /// Digests `bytes`; the bytes themselves are not kept.
    public init(of bytes: some DataProtocol) {
        hex = Hex.encode(SHA256Digest.of(bytes))
        size = bytes.count
    }

    /// A digest computed elsewhere (for example by the gateway before it dropped the payload).
    public init(hex: String, size: Int) {
        self.hex = hex
        self.size = size
    }
}
