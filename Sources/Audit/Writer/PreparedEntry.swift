import Foundation

/// An entry with its body already in canonical form and hashed. `record` prepares entries on the caller's
/// thread, so that work runs beside the writer thread instead of on it: the writer is the log's bottleneck,
/// and only the chain itself (sequence numbers, times, links) has to be computed in order.
struct PreparedEntry: Sendable {
    var time: Date
    var kind: AuditKind
    var drone: String?
    var mission: String?
    var stream: String?
    var digest: String?
    var body: String
    var bodyHash: Data

    init(_ entry: AuditEntry) {
        time = entry.time
        kind = entry.kind
        drone = entry.drone
        mission = entry.mission
        stream = entry.stream
        digest = entry.digest
        let bytes = CanonicalJSON.bytes(entry.fields)
        bodyHash = RecordHasher.bodyHash(bytes: bytes)
        body = String(decoding: bytes, as: UTF8.self)
    }
}
