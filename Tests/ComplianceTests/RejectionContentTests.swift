import Compliance
import Foundation
import StrictJSON
import Testing

/// A refused payload's content is never repeated: not in the rejection, not in the event, not anywhere the
/// engine publishes. Each case hides a unique marker where a careless message would quote it.
@Suite("Rejections never repeat the payload's content")
struct RejectionContentTests {
    static let marker = "QZXMARK7731"

    static let cases: [(String, String, RejectionCode)] = {
        let m = marker
        let valid = JSONWriter.write(.object(Fix().json))
        let body = String(valid.dropFirst())  // everything after the opening brace
        return [
            ("as a bad alt_ref", JSONWriter.write(.object(Fix().with("position.alt_ref", .string(m)))), .invalidField),
            ("as a bad time", JSONWriter.write(.object(Fix().with("time", .string(m)))), .invalidField),
            (
                "in a time with a bad offset",
                JSONWriter.write(.object(Fix().with("time", .string("2026-11-28T13:00:00\(m)")))), .invalidField
            ),
            ("as a string version", JSONWriter.write(.object(Fix().with("v", .string(m)))), .invalidField),
            ("as a string latitude", JSONWriter.write(.object(Fix().with("position.lat", .string(m)))), .invalidField),
            ("as a string seq", JSONWriter.write(.object(Fix().with("seq", .string(m)))), .invalidField),
            (
                "in a drone id with a space", JSONWriter.write(.object(Fix().with("drone", .string("\(m) D1")))),
                .invalidField
            ),
            (
                "in a mission id with a slash", JSONWriter.write(.object(Fix().with("mission", .string("\(m)/x")))),
                .invalidField
            ),
            ("as a spoofed drone id", JSONWriter.write(.object(Fix().with("drone", .string(m)))), .droneMismatch),
            ("as a duplicate key", "{\"\(m)\":1,\"\(m)\":2,\(body)", .malformedJSON),
            ("in a truncated payload", "{\"v\":1,\"drone\":\"D1\",\"note\":\"\(m)", .malformedJSON),
            ("after a bad escape", "{\"note\":\"\\q\(m)\",\(body)", .malformedJSON),
            ("as a bare word", "{\"v\":1,\"drone\":\(m)}", .malformedJSON),
            ("in an array document", "[\"\(m)\"]", .malformedJSON),
            ("as the key of a too deep member", "{\"\(m)\":[[[[[[[[[1]]]]]]]]]}", .malformedJSON),
            (
                "in an unsupported version's message", JSONWriter.write(.object(Fix(drone: m).with("v", .number(2)))),
                .unsupportedVersion
            ),
        ]
    }()

    @Test("the marker is in neither the rejection nor any publication", arguments: cases)
    func noContent(name: String, payload: String, code: RejectionCode) throws {
        #expect(payload.contains(Self.marker))
        var engine = Demo.engine()
        let decision = engine.process(topic: "fleet/D1/telemetry", payload: bytes(payload), receivedAt: Demo.noon)
        #expect(decision.verdict == .reject, "\(name)")
        let refused = try #require(decision.rejection, "\(name)")
        #expect(refused.code == code, "\(name)")
        #expect(!refused.description.contains(Self.marker), "\(name): \(refused)")
        #expect(!(refused.field ?? "").contains(Self.marker), "\(name)")
        #expect(!decision.publishedText.contains(Self.marker), "\(name): \(decision.publishedText)")
        #expect(decision.publications.count == 1)
    }

    @Test(
        "a refused time's numbers are not quoted either", arguments: ["2026-77-28T13:00:00Z", "2026-02-31T13:00:00Z"])
    func timeNumbers(time: String) throws {
        var engine = Demo.engine()
        let decision = engine.process(
            topic: "fleet/D1/telemetry", payload: bytes(Fix().with("time", .string(time))), receivedAt: Demo.noon)
        let refused = try #require(decision.rejection)
        #expect(refused.field == "time")
        // Month 77 or day 31 are the payload's content, like any other part of the value.
        let quoted = time.contains("-77-") ? "77" : "31"
        #expect(!refused.problem.contains(quoted), "\(refused)")
        #expect(!decision.publishedText.contains(quoted), "\(decision.publishedText)")
    }

    @Test("an accepted fix's unknown members (keys and values) reach nothing that is published")
    func unknownMembersDropped() throws {
        var fix = Fix()
        fix.extra = [
            "camera_serial": .string(Self.marker), Self.marker: .number(1),
            "x_track": .object(["person_id": .string(Self.marker)]),
        ]
        var object = Fix.set(fix.json, path: ["position", "note"], to: .string(Self.marker))
        object = Fix.set(object, path: ["velocity", Self.marker], to: .number(2))
        var engine = Demo.engine()
        let decision = engine.process(topic: fix.topic, payload: bytes(object), receivedAt: Demo.noon)
        #expect(decision.verdict == .forward)
        #expect(!decision.publishedText.contains(Self.marker))
    }
}
