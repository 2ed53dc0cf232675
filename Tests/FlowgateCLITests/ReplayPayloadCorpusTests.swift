import Compliance
import Foundation
import Geo
import TestSupport
import Testing

/// The payload corpus (`Tests/ComplianceTests/Payload/payload-corpus.jsonl`) through the real `flowgate replay`
/// on the demo site: each case is joined to a live fix of its drone, so it also passes the engine's live join.
///
/// The corpus is written for drone D7, which the demo authorisation does not name: each case's D7 becomes D1,
/// (D2 for a case without a height), and each case gets a stream of its own (`k{line}-…`, in the topic and the payload alike), because an
/// identification case latches its stream. A case's mismatch between topic and payload is kept as it is.
/// Before each case a fix of D1 at the case's height above ground (in AMSL, through the site's datum: ground at
/// 34 m AMSL) arrives at the same time; a case without a height is sent as D2, which never sends a fix (the
/// engine knows no height without one). The live join then adds what the corpus's pure inspector cannot know: `no_fix` without a fix,
/// and `below_floor` under the demo corridor's 30 m AGL floor; a message that is not decoded is refused before
/// the join.
@Suite("flowgate replay: the payload corpus joined to live fixes")
struct ReplayPayloadCorpusTests {
    static let corpusFile = FlowgateProcess.packageRoot.appendingPathComponent(
        "Tests/ComplianceTests/Payload/payload-corpus.jsonl")
    static let config = "Deploy/flowgate.example.yaml"
    static let groundAMSL = 34.0
    static let floorAGL = 30.0
    static let rejections: Set<String> = [
        "message_too_large", "malformed_json", "invalid_field", "unsupported_version", "drone_mismatch",
        "unknown_topic",
    ]

    struct Case {
        var line: Int
        var name: String
        var topic: String
        var height: Double?
        /// The payload member's text exactly as in the corpus, or the raw bytes of `payload_raw`.
        var payloadText: String?
        var raw: String?
        var verdict: String
        var reasons: Set<String>
        var suppressed: Int?
    }

    static func cases() throws -> [Case] {
        let text = try String(contentsOf: corpusFile, encoding: .utf8)
        return try text.split(separator: "\n").enumerated().map { index, line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            var sample = Case(
                line: index + 1, name: try #require(object["name"] as? String),
                topic: try #require(object["topic"] as? String), height: object["height_agl_m"] as? Double,
                payloadText: nil, raw: object["payload_raw"] as? String,
                verdict: try #require(object["verdict"] as? String),
                reasons: Set(try #require(object["reasons"] as? [String])),
                suppressed: object["suppressed"] as? Int)
            if sample.raw == nil {
                // The member's own text, so that numbers reach the gateway exactly as the corpus writes them.
                let start = try #require(line.range(of: #","payload":"#)).upperBound
                let end = try #require(line.range(of: #","verdict":""#, options: .backwards)).lowerBound
                sample.payloadText = String(line[start..<end])
                let reparsed = try JSONSerialization.jsonObject(with: Data(sample.payloadText!.utf8)) as? NSDictionary
                try #require(reparsed == (object["payload"] as? NSDictionary), "payload text of \(sample.name)")
            }
            return sample
        }
    }

    /// `fleet/D7/payload/cam0` of case 12 becomes `fleet/D1/payload/k12-cam0`.
    static func rewrite(topic: String, line: Int, drone: String) throws -> String {
        let levels = topic.split(separator: "/").map(String.init)
        try #require(levels.count == 4 && levels[0] == "fleet" && levels[2] == "payload", "topic \(topic)")
        return "fleet/\(levels[1] == "D7" ? drone : levels[1])/payload/k\(line)-\(levels[3])"
    }

    /// The case's drone and stream as in its topic, and its time the replay's clock at its line (a payload's
    /// own time is held to the gateway's clock).
    static func rewrite(payload text: String, line: Int, drone: String, name: String) throws -> String {
        let droneParts = text.components(separatedBy: #""drone":"D7""#)
        let streamParts = text.components(separatedBy: #""stream":""#)
        try #require(droneParts.count == 2 && streamParts.count == 2, "case \(name): one drone D7 and one stream")
        return droneParts.joined(separator: #""drone":"\#(drone)""#)
            .replacingOccurrences(of: #""stream":""#, with: #""stream":"k\#(line)-"#)
            .replacingOccurrences(of: #""time":"2026-11-28T14:03:22.300Z""#, with: #""time":"\#(time(line))""#)
    }

    static func time(_ line: Int) -> String {
        let seconds = 2 * line
        return String(format: "2026-11-28T13:%02d:%02d.000Z", seconds / 60, seconds % 60)
    }

    static func fix(seq: Int, time: String, height: Double) -> String {
        #"{"time":"\#(time)","topic":"fleet/D1/telemetry","payload":{"v":1,"drone":"D1","mission":"M-0412","seq":\#(seq),"time":"\#(time)","position":{"lat":52.5152,"lon":13.36,"alt_m":\#(height + groundAMSL),"alt_ref":"AMSL"}}}"#
    }

    @Test("every corpus case gets its verdict, its reasons and its suppressed cells through flowgate replay")
    func corpus() async throws {
        let cases = try Self.cases()
        #expect(cases.count >= 60)
        var recording: [String] = []
        var payloadLines: [Int: Case] = [:]
        var fixLines: [Int: Double] = [:]
        var seq = 0
        for sample in cases {
            let time = Self.time(sample.line)
            if let height = sample.height {
                seq += 1
                recording.append(Self.fix(seq: seq, time: time, height: height))
                fixLines[recording.count] = height
            }
            let drone = sample.height == nil ? "D2" : "D1"
            let topic = try Self.rewrite(topic: sample.topic, line: sample.line, drone: drone)
            if let text = sample.payloadText {
                let payload = try Self.rewrite(payload: text, line: sample.line, drone: drone, name: sample.name)
                recording.append(#"{"time":"\#(time)","topic":"\#(topic)","payload":\#(payload)}"#)
            } else {
                let encoded = Data(try #require(sample.raw).utf8).base64EncodedString()
                recording.append(#"{"time":"\#(time)","topic":"\#(topic)","payload_b64":"\#(encoded)"}"#)
            }
            payloadLines[recording.count] = sample
        }
        let result = try await FlowgateProcess.run(
            ["replay", "-", "--config", Self.config], input: recording.joined(separator: "\n") + "\n", timeout: 180)
        #expect(result.status == 0, "\(result.stderr)")
        let outputs = try result.stdoutLines.map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        try #require(outputs.count == recording.count)

        var verdicts: [String: Int] = [:]
        for (index, output) in outputs.enumerated() {
            let line = index + 1
            #expect(output["line"] as? Int == line)
            let verdict = output["verdict"] as? String ?? "?"
            verdicts[verdict, default: 0] += 1
            let published = (output["publish"] as? [[String: Any]] ?? []).compactMap { $0["topic"] as? String }
            if let height = fixLines[line] {
                #expect(verdict == "forward")
                #expect((output["state"] as? String == "breach") == (height < Self.floorAGL), "fix at \(height) m")
                continue
            }
            let sample = try #require(payloadLines[line])
            let refused = !sample.reasons.isDisjoint(with: Self.rejections)
            var join: Set<String> =
                refused ? [] : sample.height == nil ? ["no_fix"] : sample.height! < Self.floorAGL ? ["below_floor"] : []
            // The fixes fly mission M-0412: a case of another mission does not match them.
            if !refused, sample.height != nil, sample.payloadText?.contains(#""mission":"M-0412""#) == false {
                join.insert("mission_mismatch")
            }
            let expected = join.isEmpty ? sample.verdict : "block"
            var reasons = Set((output["reasons"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String })
            if let rejection = (output["rejection"] as? [String: Any])?["code"] as? String { reasons.insert(rejection) }
            #expect(verdict == expected, "\(sample.name): \(output)")
            #expect(reasons == sample.reasons.union(join), "\(sample.name)")
            let egress = published.filter { $0.hasPrefix("compliant/") }
            if expected == "block" {
                #expect(egress.isEmpty, "\(sample.name): a blocked payload was published")
            } else {
                #expect(egress == ["compliant/D1/payload/k\(sample.line)-cam0"], "\(sample.name)")
                #expect(output["suppressed_cells"] as? Int ?? 0 == (expected == "redact" ? sample.suppressed ?? 0 : 0))
            }
            if sample.reasons.contains(
                where: [
                    "identification_product", "identification_sensor", "identifying_field", "embedded_blob",
                    "identifying_name", "identifier_in_value", "embedding_vector", "uninspectable_identification",
                ].contains)
            {
                let events = (output["publish"] as? [[String: Any]] ?? []).compactMap {
                    ($0["payload"] as? [String: Any])?["event"] as? String
                }
                #expect(events.contains("stream_suspended"), "\(sample.name) did not latch its stream")
            }
        }
        // The summary counts a payload's verdicts as the lines do.
        let summary = verdicts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        #expect(result.stderr.contains("replayed \(recording.count) lines: \(summary)"), "\(result.stderr)")
    }

    @Test("replay obeys release orders on the control topic: a latched stream passes again after a valid one")
    func releaseOrders() async throws {
        let density =
            #"{"v":1,"drone":"D1","mission":"M-0412","stream":"cam0","seq":1,"time":"2026-11-28T13:00:00Z","product":"crowd_density","data":{"origin":{"lat":52.516,"lon":13.377},"cell_m":10,"rows":1,"cols":2,"counts":[40,12]}}"#
        let face = density.replacingOccurrences(of: "crowd_density", with: "face_crop")
        // The operator's key, listed in a copy of the example configuration.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-ops-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let keyPath = folder.appendingPathComponent("duty-officer-7.key").path
        try OperatorKey.generate(at: keyPath)
        let example = try String(
            contentsOf: FlowgateProcess.packageRoot.appendingPathComponent(Self.config), encoding: .utf8)
        let bundle = FlowgateProcess.packageRoot.appendingPathComponent("Geofences/berlin-pariser-platz").path
        let config = folder.appendingPathComponent("flowgate.yaml")
        try
            (example.replacingOccurrences(of: "bundle: ../Geofences/berlin-pariser-platz", with: "bundle: \(bundle)")
            + "\noperators:\n  duty-officer-7: \(keyPath).pub\n").write(to: config, atomically: true, encoding: .utf8)
        let signed = try ReleaseOrder.signed(
            stream: StreamKey(drone: "D1", stream: "cam0"), operatorName: "duty-officer-7",
            reason: "false positive, checked on site", issuedAt: try RFC3339.parse("2026-11-28T13:00:03Z"),
            key: try OperatorKey.readPrivate(keyPath))
        let order = String(decoding: signed.json, as: UTF8.self)
        let short = order.replacingOccurrences(of: "false positive, checked on site", with: "oops")
        let message = { (second: Int, topic: String, payload: String) in
            #"{"time":"2026-11-28T13:00:0\#(second)Z","topic":"\#(topic)","payload":\#(payload)}"#
        }
        let recording = [
            Self.fix(seq: 1, time: "2026-11-28T13:00:00Z", height: 60),
            message(1, "fleet/D1/payload/cam0", face), message(2, "fleet/D1/payload/cam0", density),
            message(3, "flowgate/control/streams", order), message(4, "fleet/D1/payload/cam0", density),
            message(4, "flowgate/control/streams", order), message(5, "flowgate/control/streams", short),
        ]
        let result = try await FlowgateProcess.run(
            ["replay", "-", "--config", config.path], input: recording.joined(separator: "\n"))
        #expect(result.status == 0, "\(result.stderr)")
        let outputs = try result.stdoutLines.map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        try #require(outputs.count == 7)
        // The same order a second time is a replay: refused.
        #expect(
            outputs.map { $0["verdict"] as? String ?? "?" } == [
                "forward", "block", "block", "released", "forward", "refused", "refused",
            ])
        let reasons = { (index: Int) in
            (outputs[index]["reasons"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        }
        #expect(reasons(1) == ["identification_product"])
        #expect(reasons(2) == ["stream_suspended"])
        let released = try #require((outputs[3]["publish"] as? [[String: Any]])?.first)
        #expect(released["topic"] as? String == "flowgate/events/D1")
        let event = try #require(released["payload"] as? [String: Any])
        #expect(event["event"] as? String == "stream_released")
        #expect(event["by"] as? String == "duty-officer-7")
        #expect(event["reason"] as? String == "false positive, checked on site")
        #expect((outputs[5]["rejection"] as? [String: Any])?["code"] as? String == "not_authenticated")
        let refusal = try #require(outputs[6]["rejection"] as? [String: Any])
        #expect(refusal["code"] as? String == "invalid_field")
        #expect(refusal["field"] as? String == "reason")
        let refusedEvent = try #require((outputs[6]["publish"] as? [[String: Any]])?.first)
        #expect(refusedEvent["topic"] as? String == "flowgate/events/_unattributed")
        #expect((refusedEvent["payload"] as? [String: Any])?["event"] as? String == "release_refused")
    }
}
