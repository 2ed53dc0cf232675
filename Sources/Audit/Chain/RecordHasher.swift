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
        func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        let array: JSONValue = .array([
            .string(formatTag), .number(Int(header.seq)), .string(header.time), .string(header.kind),
            text(header.drone), text(header.mission), text(header.stream), text(header.digest),
            .string(Hex.encode(header.bodyHash)),
        ])
        return JSONWriter.write(array)
    }

    static func hash(previous: Data, header: Header) -> Data {
        var hasher = SHA256()
        hasher.update(data: previous)
        var text = headerText(header)
        text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        return Data(hasher.finalize())
    }

    static func bodyHash(_ canonicalBody: String) -> Data {
        SHA256Digest.of(Data(canonicalBody.utf8))
    }
}
