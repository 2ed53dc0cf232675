import Foundation
import StrictJSON
import Testing

@testable import Audit

/// The writer builds record bodies and headers straight into bytes. These tests hold those bytes to the
/// documented definition (Docs/RECORD.md): `JSONWriter`'s compact text of the value with every object's
/// members sorted by their keys' UTF-8, and the header as `JSONWriter` writes the array.
@Suite("Canonical bodies and headers, byte for byte")
struct CanonicalEncodingTests {
    /// Strings that take every path: plain, escaped, control characters, non-ASCII, empty.
    static let awkward = [
        "", "plain", "quote \" inside", "back\\slash", "line\nbreak\r\ttab", "\u{01}\u{1f}\u{7f}", "é", "Zürich",
        "漢字", "🚁 drone", "\u{2028}",
    ]

    /// The definition, written the slow way: sort a copy of the value, then let JSONWriter write it.
    static func reference(_ value: JSONValue) -> String {
        func sorted(_ value: JSONValue) -> JSONValue {
            switch value {
            case .object(let object):
                let members = object.members.map { (key: $0.key, value: sorted($0.value)) }
                return .object(JSONObject(members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }))
            case .array(let items): return .array(items.map(sorted))
            default: return value
            }
        }
        return JSONWriter.write(sorted(value))
    }

    @Test("bodies equal the sorted JSONWriter text, for awkward keys and values, sorted or not")
    func bodies() {
        for (index, text) in Self.awkward.enumerated() {
            let object: JSONObject = [
                "z": .string(text), text: .number(index), "a": .array([.string(text), .null, .bool(index % 2 == 0)]),
                "n": .object(["y": .number(2.0), "x": .number(52.5163), text + "k": .number(-0.25)]),
            ]
            #expect(CanonicalJSON.text(object) == Self.reference(.object(object)), "for \(text.debugDescription)")
            let ordered = JSONObject(object.members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) })
            #expect(CanonicalJSON.text(ordered) == Self.reference(.object(object)))
        }
        #expect(CanonicalJSON.text([:]) == "{}")
    }

    @Test("the builders' bodies are canonical and keep every field")
    func builders() throws {
        let time = SampleLog.time(0)
        let entries: [AuditEntry] = [
            .decision(
                time: time, drone: "D1", mission: nil, stream: "cam0", topic: "fleet/D1/payload/cam0",
                verdict: .block, reasons: ["a", "b"], product: "face_crop", payload: PayloadDigest(of: Data([1])),
                suppressedCells: 3),
            .decision(
                time: time, drone: "D1", mission: "M", stream: nil, topic: "t", verdict: .redact, reasons: [],
                payload: PayloadDigest(hex: "ab", size: 1)),
            .track(
                time: time, drone: "D1", mission: nil, latitude: 52.5, longitude: 13.25, altitudeMetres: 60,
                altitudeReference: "agl", state: .breach, reasons: ["in_no_fly"]),
            .configLoad(
                time: time, bundlePath: "b", bundleDigest: "1", configDigest: "2", policyVersion: "3",
                flowgateVersion: "4"),
            .payloadSummary(
                time: time, drone: "D1", mission: nil, stream: "s", product: "p", cells: 1, totalCount: 2,
                suppressedCells: 0),
            .streamControl(.suspension, time: time, drone: "D1", mission: nil, stream: "s", by: "op", reason: "r"),
        ]
        for entry in entries {
            let body = CanonicalJSON.text(entry.fields)
            #expect(body == Self.reference(.object(entry.fields)))
            let parsed = try #require(try JSONParser.parse(body).objectValue)
            #expect(Set(parsed.keys) == Set(entry.fields.keys))
            #expect(PreparedEntry(entry).bodyHash == RecordHasher.bodyHash(body))
        }
    }

    @Test("headers equal JSONWriter's text of the documented array, for awkward columns")
    func headers() {
        for text in Self.awkward {
            for present in [true, false] {
                let value: String? = present ? text : nil
                let header = RecordHasher.Header(
                    seq: 123_456_789, time: "2026-11-28T10:00:00.000Z", kind: text, drone: value, mission: value,
                    stream: present ? nil : text, digest: value, bodyHash: Data((0..<32).map { UInt8($0 * 7) }))
                func column(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
                let expected = JSONWriter.write(
                    .array([
                        "flowgate-audit-v1", .number(123_456_789), "2026-11-28T10:00:00.000Z", .string(text),
                        column(value), column(value), column(present ? nil : text), column(value),
                        .string(Hex.encode(header.bodyHash)),
                    ]))
                #expect(RecordHasher.headerText(header) == expected, "for \(text.debugDescription)")
            }
        }
    }
}
