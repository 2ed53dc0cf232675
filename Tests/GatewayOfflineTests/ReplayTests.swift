import Airspace
import Compliance
import Foundation
import Gateway
import GatewayTestSupport
import Geo
import Pipeline
import StrictJSON
import Testing

/// The recording in `Docs/examples`, replayed with `Deploy/flowgate.example.yaml`.
@Suite("Replaying a recording")
struct ReplayTests {
    static let recording: [RecordedMessage] = {
        do {
            let text = try String(contentsOf: Package.demoRecording, encoding: .utf8)
            return try text.split(separator: "\n").map { try RecordedMessage(line: String($0)) }
        } catch {
            fatalError("the demo recording does not read: \(error)")
        }
    }()

    static func engine(_ edit: (inout CompliancePolicy) -> Void = { _ in }) throws -> ComplianceEngine {
        let config = try ConfigReader.load(file: Package.exampleConfig, checkFiles: false)
        var policy = config.policy
        edit(&policy)
        return ComplianceEngine(
            airspace: AirspaceIndex(bundle: try BundleLoader.load(directory: config.bundle)), policy: policy)
    }

    static func replay(_ engine: ComplianceEngine) -> [JSONObject] {
        var replay = Replay(engine: engine)
        return recording.enumerated().map { replay.single($0.element, line: $0.offset + 1) }
    }

    /// Per line: verdict, state, reason codes, rejection code, and what is published (topic, or topic#event).
    static let expected: [(String, String?, [String], String?, [String])] = [
        ("forward", "compliant", [], nil, ["compliant/D1/telemetry"]),
        ("forward", "breach", ["below_floor"], nil, ["compliant/D1/telemetry", "flowgate/events/D1#breach_started"]),
        // Back above the floor a second later: the breach is not over until none for the quiet period (5 s).
        ("forward", "compliant", [], nil, ["compliant/D1/telemetry"]),
        ("withhold", "breach", ["replayed_seq"], nil, ["flowgate/events/D1#integrity_problem"]),
        (
            "forward", "breach", ["implausible_speed", "outside_operation_area"], nil,
            ["compliant/D1/telemetry", "flowgate/events/D1#breach_changed", "flowgate/events/D1#integrity_problem"]
        ),
        (
            "forward", "breach", ["clock_ahead", "near_operation_area_boundary"], nil,
            [
                "compliant/D2/telemetry", "flowgate/events/D2#breach_started", "flowgate/events/D2#warning_entered",
                "flowgate/events/D2#integrity_problem",
            ]
        ),
        ("reject", nil, [], "drone_mismatch", ["flowgate/events/D2#message_rejected"]),
        ("reject", nil, [], "malformed_json", ["flowgate/events/D3#message_rejected"]),
    ]

    @Test("the demo recording gives the documented verdicts, reasons and publications")
    func demoRecording() throws {
        let lines = Self.replay(try Self.engine())
        #expect(lines.count == Self.expected.count)
        for (index, (line, expected)) in zip(lines, Self.expected).enumerated() {
            let (verdict, state, reasons, rejection, published) = expected
            let label = "line \(index + 1)"
            #expect(line["line"] == .number(index + 1), "\(label)")
            #expect(line["time"] == .string(RFC3339.format(Self.recording[index].time)), "\(label)")
            #expect(line["topic"] == .string(Self.recording[index].topic), "\(label)")
            #expect(line["verdict"] == .string(verdict), "\(label)")
            #expect(line["state"]?.stringValue == state, "\(label)")
            #expect(line["reasons"]?.arrayValue?.compactMap { $0["code"]?.stringValue } == reasons, "\(label)")
            #expect(line["rejection"]?["code"]?.stringValue == rejection, "\(label)")
            let publish = line["publish"]?.arrayValue ?? []
            let described = publish.map { item -> String in
                let topic = item["topic"]?.stringValue ?? "?"
                return item["payload"]?["event"]?.stringValue.map { "\(topic)#\($0)" } ?? topic
            }
            #expect(described == published, "\(label)")
            #expect(publish.allSatisfy { $0["qos"] == .number(1) && $0["retain"] == .bool(false) }, "\(label)")
        }
    }

    @Test("the replay output has the documented members")
    func outputShape() throws {
        let lines = Self.replay(try Self.engine())
        #expect(
            lines[0].keys == [
                "line", "time", "topic", "verdict", "drone", "digest", "size", "state", "reasons", "publish",
            ])
        #expect(
            lines[6].keys == [
                "line", "time", "topic", "verdict", "drone", "digest", "size", "reasons", "rejection", "publish",
            ])
        // The digest names the recorded bytes (SHA-256, hex) without repeating them.
        #expect(lines[0]["digest"] == .string(Replay.digest(Self.recording[0].payload)))
        #expect(lines[0]["size"] == .number(Self.recording[0].payload.count))
        #expect(Replay.digest(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(lines[6]["rejection"]?.objectValue?.keys == ["code", "field", "detail"])
        #expect(lines[7]["rejection"]?.objectValue?.keys == ["code", "detail"])
        #expect(
            lines[1]["reasons"]?.arrayValue?.first?.objectValue?.keys == [
                "code", "severity", "subject", "distance_m", "detail",
            ])
        #expect(lines[3]["reasons"]?.arrayValue?.first?.objectValue?.keys == ["code", "severity", "subject", "detail"])
        #expect(lines[4]["reasons"]?.arrayValue?.first?["detail"] == "857.4 m in 1.000 s is 857.4 m/s, over 40.0 m/s")
        #expect(lines[5]["reasons"]?.arrayValue?.last?["severity"] == "warning")
    }

    @Test("the recorded unknown field (camera_serial) is not published")
    func unknownFieldDropped() throws {
        let lines = Self.replay(try Self.engine())
        let egress = try #require(lines[0]["publish"]?.arrayValue?.first?["payload"]?.objectValue)
        #expect(
            egress.keys == [
                "v", "drone", "mission", "seq", "time", "position", "velocity", "battery_pct", "compliance",
            ])
        #expect(!JSONWriter.write(.object(lines[0])).contains("camera_serial"))
        #expect(!JSONWriter.write(.object(lines[0])).contains("XK-1"))
    }

    @Test("replay is the engine: a fresh engine given the same messages decides the same")
    func sameCodePath() throws {
        var replay = Replay(engine: try Self.engine())
        var engine = try Self.engine()
        var counts = DecisionCounts()
        for (index, message) in Self.recording.enumerated() {
            let line = replay.single(message, line: index + 1)
            let decision = engine.process(topic: message.topic, payload: message.payload, receivedAt: message.time)
            counts.count(decision)
            #expect(line["verdict"] == .string(decision.verdict.rawValue))
            #expect(line["drone"] == (decision.drone.map(JSONValue.string) ?? .null))
            #expect(line["state"]?.stringValue == decision.state?.rawValue)
            #expect(
                line["reasons"]?.arrayValue?.compactMap { $0["code"]?.stringValue }
                    == decision.findings.map(\.code.rawValue))
            #expect(
                line["reasons"]?.arrayValue?.compactMap { $0["detail"]?.stringValue } == decision.findings.map(\.detail)
            )
            #expect(line["rejection"]?["code"]?.stringValue == decision.rejection?.code.rawValue)
            #expect(line["rejection"]?["detail"]?.stringValue == decision.rejection?.problem)
            let publish = line["publish"]?.arrayValue ?? []
            let publications = DecisionPublisher(topics: engine.policy.topics).publications(for: decision)
            #expect(publish.count == publications.count)
            for (item, publication) in zip(publish, publications) {
                #expect(item["topic"] == .string(publication.topic))
                #expect(item["qos"] == .number(publication.qos))
                #expect(item["retain"] == .bool(publication.retain))
                // The replay shows the payload as JSON; written back, it is the very bytes the engine publishes.
                let payload = try #require(item["payload"])
                #expect(JSONWriter.write(payload) == String(decoding: publication.payload, as: UTF8.self))
            }
        }
        #expect(replay.pipeline.counts == counts)
        #expect(counts[.forward] == 5)
        #expect(counts[.withhold] == 1)
        #expect(counts[.reject] == 2)
    }

    @Test("replaying with telemetry_in_breach: withhold withholds the breaches, events unchanged")
    func whatIfWithhold() throws {
        let forward = Self.replay(try Self.engine())
        let withhold = Self.replay(try Self.engine { $0.withholdBreaches = true })
        #expect(
            withhold.compactMap { $0["verdict"]?.stringValue } == [
                "forward", "withhold", "forward", "withhold", "withhold", "withhold", "reject", "reject",
            ])
        for (a, b) in zip(forward, withhold) {
            let events = { (line: JSONObject) in
                (line["publish"]?.arrayValue ?? []).filter { $0["topic"]?.stringValue?.hasPrefix("flowgate/") == true }
            }
            #expect(events(a) == events(b))
        }
    }

    @Test("a recording's time is the engine's now")
    func recordedTimeIsNow() throws {
        var replay = Replay(engine: try Self.engine())
        var message = Self.recording[0]
        message.time = try RFC3339.parse("2026-11-28T20:00:00Z")
        let line = replay.single(message, line: 1)
        // The fix says 13:00:00; at 20:00 the clock is far behind and the authorisation over.
        #expect(
            line["reasons"]?.arrayValue?.compactMap { $0["code"]?.stringValue } == [
                "clock_behind", "authorisation_expired",
            ])
    }
}
