import Crypto
import Foundation
import StrictJSON

/// The hash chain: `hash = SHA-256(prev_hash ‖ header)`, where `header` is the UTF-8 of a JSON array naming
/// every stored column but the hashes, with the body represented by its own SHA-256 (`body_hash`). Hashing the
/// body's digest rather than the body lets retention remove a body and still verify the row. The exact bytes
/// are specified in Docs/RECORD.md.
enum RecordHasher {
    static let formatTag = "flowgate-audit-v1"
    /// The `prev_hash` of the first record: 32 zero bytes.
    static let genesis = Data(repeating: 0, count: 32)

    /// The fields of a record that its hash covers.
    struct Header: Equatable {
        var seq: Int64
        var time: String
        var kind: String
        var drone: String?
        var mission: String?
        var stream: String?
        var digest: String?
        var bodyHash: Data
    }

    static func headerText(_ header: Header) -> String {
        String(decoding: headerBytes(header), as: UTF8.self)
    }

    /// The header's bytes, written directly: the writer hashes one header per record, and the verifier too.
    static func headerBytes(_ header: Header) -> [UInt8] {
        func append(_ value: String?, to out: inout [UInt8]) {
            out.append(UInt8(ascii: ","))
            if let value { JSONText.appendString(value, to: &out) } else { out.append(contentsOf: "null".utf8) }
        }
        var out: [UInt8] = []
        out.reserveCapacity(256)
        out.append(contentsOf: headerStart)
        out.append(contentsOf: String(header.seq).utf8)
        append(header.time, to: &out)
        append(header.kind, to: &out)
        append(header.drone, to: &out)
        append(header.mission, to: &out)
        append(header.stream, to: &out)
        append(header.digest, to: &out)
        out.append(UInt8(ascii: ","))
        JSONText.appendHexString(header.bodyHash, to: &out)
        out.append(UInt8(ascii: "]"))
        return out
    }

    private static let headerStart = Array("[\"\(formatTag)\",".utf8)

    static func hash(previous: Data, header: Header) -> Data {
        var hasher = SHA256()
        hasher.update(data: previous)
        headerBytes(header).withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return Data(hasher.finalize())
    }

    static func bodyHash(_ canonicalBody: String) -> Data {
        SHA256Digest.of(Data(canonicalBody.utf8))
    }

    static func bodyHash(bytes canonicalBody: [UInt8]) -> Data {
        canonicalBody.withUnsafeBytes { Data(SHA256.hash(data: $0)) }
    }
}
