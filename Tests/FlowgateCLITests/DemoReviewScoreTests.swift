import Audit
import Foundation
import StrictJSON
import TestSupport
import Testing

/// `flowgate review score` on a record written with the `AuditLog` API and a hand-made truth file.
@Suite struct DemoReviewScoreTests {
    /// A message of the hand-made exercise: its truth and, when the gateway recorded one, its decision.
    struct Case {
        var topic: String
        var payload: String
        var expected: String
        var reasons: [String]
        var fault: String?
        var recorded: (verdict: AuditVerdict, reasons: [String])?
    }

    static let cases: [Case] = [
        // Compliant and not recorded: a plain forward.
        Case(topic: "fleet/D1/telemetry", payload: "t1", expected: "forward", reasons: [], fault: nil),
        Case(
            topic: "fleet/D1/telemetry", payload: "t2", expected: "forward", reasons: ["outside_operation_area"],
            fault: "drift_out_of_area", recorded: (.forward, ["outside_operation_area"])),
        Case(
            topic: "fleet/D1/payload/cam0", payload: "p1", expected: "block", reasons: ["outside_operation_area"],
            fault: "drift_out_of_area", recorded: (.block, ["outside_operation_area"])),
        Case(
            topic: "fleet/D2/payload/cam0", payload: "p2", expected: "redact", reasons: ["small_count_suppressed"],
            fault: "small_count_cell", recorded: (.redact, ["small_count_suppressed"])),
        // Compliant but blocked: a false block.
        Case(
            topic: "fleet/D2/telemetry", payload: "t3", expected: "forward", reasons: [], fault: nil,
            recorded: (.withhold, ["in_no_fly"])),
        // A face crop with no decision record: it went out, the fault was missed.
        Case(
            topic: "fleet/D3/payload/img0", payload: "p3", expected: "block", reasons: ["identification_product"],
            fault: "face_product"),
        // The bytes of t1 again, withheld: the only record of that digest belongs to this copy (by its time),
        // not to the first, which was a plain forward.
        Case(
            topic: "fleet/D1/telemetry", payload: "t1", expected: "block", reasons: ["replayed_seq"],
            fault: "replayed_seq", recorded: (.withhold, ["replayed_seq"])),
    ]

    /// Writes the record (the cases' decisions in order, plus one about a message the truth does not have)
    /// and the truth file into a fresh folder.
    static func exercise() async throws -> (folder: URL, audit: String, truth: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-score-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let audit = folder.appendingPathComponent("audit.sqlite").path
        // 2026-11-28T13:20:00Z, the truth's first time; message i is sent and decided i seconds later.
        let start = Date(timeIntervalSince1970: 1_795_872_000)
        let log = try AuditLog.open(path: audit, now: start)
        var truth = ""
        for (index, item) in cases.enumerated() {
            let time = start.addingTimeInterval(Double(index))
            let digest = PayloadDigest(of: Array(item.payload.utf8))
            if let recorded = item.recorded {
                try await log.record(
                    .decision(
                        time: time, drone: nil, mission: "M-1", stream: nil, topic: item.topic,
                        verdict: recorded.verdict, reasons: recorded.reasons, payload: digest))
            }
            let line: JSONObject = [
                "index": .number(index + 1), "time": .string("2026-11-28T13:20:0\(index).000Z"),
                "topic": .string(item.topic),
                "digest": .string(digest.hex),
                "kind": .string(item.topic.hasSuffix("telemetry") ? "telemetry" : "payload"),
                "expected": .string(item.expected), "reasons": .array(item.reasons.map(JSONValue.string)),
                "fault": item.fault.map(JSONValue.string) ?? .null,
            ]
            truth += JSONWriter.write(.object(line)) + "\n"
        }
        try await log.record(
            .decision(
                time: start.addingTimeInterval(10), drone: "D9", mission: nil, stream: nil, topic: "fleet/D9/telemetry",
                verdict: .reject, reasons: ["malformed_json"], payload: PayloadDigest(of: Array("x".utf8))))
        try await log.close(now: start.addingTimeInterval(11))
        let truthFile = folder.appendingPathComponent("truth.jsonl").path
        try truth.write(toFile: truthFile, atomically: true, encoding: .utf8)
        return (folder, audit, truthFile)
    }

    @Test func scoresTheRecordedDecisionsWithUnrecordedMessagesAsForwards() async throws {
        let (folder, audit, truth) = try await Self.exercise()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await FlowgateProcess.run(["review", "score", "--truth", truth, "--audit", audit])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdoutLines
        #expect(
            lines.first == "Scorecard: 7 messages in the truth, 7 decided by the gateway, 0 missing, 1 not in the truth"
        )
        #expect(lines.contains("Verdicts agree: 5 of 7 (71.4 %)"))
        #expect(lines.contains("False blocks of compliant traffic: 1 of 2"))
        func row(_ name: String) -> [String]? {
            lines.first { $0.hasPrefix("  \(name) ") }?.split(separator: " ").map(String.init)
        }
        #expect(row("outside_operation_area") == ["outside_operation_area", "2", "0", "0", "100.0", "%", "100.0", "%"])
        #expect(row("in_no_fly") == ["in_no_fly", "0", "1", "0", "0.0", "%", "-"])
        #expect(row("malformed_json") == ["malformed_json", "0", "1", "0", "0.0", "%", "-"])
        #expect(row("identification_product") == ["identification_product", "0", "0", "1", "-", "0.0", "%"])
        #expect(row("drift_out_of_area") == ["drift_out_of_area", "2", "2", "100.0", "%"])
        // replayed_seq is both a reason (first table) and a fault (last table).
        let replayRows = lines.filter { $0.hasPrefix("  replayed_seq ") }.map {
            $0.split(separator: " ").map(String.init)
        }
        #expect(replayRows.first == ["replayed_seq", "1", "0", "0", "100.0", "%", "100.0", "%"])
        #expect(replayRows.last == ["replayed_seq", "1", "1", "100.0", "%"])
        #expect(row("face_product") == ["face_product", "1", "0", "0.0", "%"])
        // Verdicts: the blocked row has the missed face crop under forward and the replay under block.
        #expect(row("block") == ["block", "1", "0", "2", "0"])
        #expect(row("forward") == ["forward", "2", "0", "1", "0"])
    }

    @Test func exitsOneNamingEveryThresholdNotMet() async throws {
        let (folder, audit, truth) = try await Self.exercise()
        defer { try? FileManager.default.removeItem(at: folder) }
        let failing = try await FlowgateProcess.run([
            "review", "score", "--truth", truth, "--audit", audit, "--min-fault-recall", "1", "--max-false-blocks", "0",
        ])
        #expect(failing.status == 1)
        #expect(failing.stdoutLines.contains("FAILED: 2 thresholds not met"))
        #expect(failing.stdoutLines.contains("  - recall of fault face_product is 0.0 %, below 100.0 %"))
        #expect(failing.stdoutLines.contains("  - 1 false blocks of compliant traffic, more than 0"))
        let passing = try await FlowgateProcess.run([
            "review", "score", "--truth", truth, "--audit", audit, "--max-false-blocks", "1", "--max-missing", "0",
        ])
        #expect(passing.status == 0)
    }

    @Test func exitsTwoWhenAnInputCannotBeRead() async throws {
        let (folder, audit, truth) = try await Self.exercise()
        defer { try? FileManager.default.removeItem(at: folder) }
        let notARecord = try await FlowgateProcess.run(["review", "score", "--truth", truth, "--audit", truth])
        #expect(notARecord.status == 2)
        #expect(notARecord.stderr.contains(truth))
        let badTruth = folder.appendingPathComponent("bad.jsonl").path
        try "{\"index\":1}\n".write(toFile: badTruth, atomically: true, encoding: .utf8)
        let unreadable = try await FlowgateProcess.run(["review", "score", "--truth", badTruth, "--audit", audit])
        #expect(unreadable.status == 2)
        #expect(unreadable.stderr.contains("\(badTruth): line 1: time: a string is required"))
        // The truth streams; a broken line deep in it (after good ones and a blank line) is still named, and
        // does not pass for the end of the file.
        let good = try String(contentsOfFile: truth, encoding: .utf8).split(separator: "\n").prefix(3)
        let brokenLater = folder.appendingPathComponent("broken-later.jsonl").path
        try (good.joined(separator: "\n") + "\n\n{\"index\":\n").write(
            toFile: brokenLater, atomically: true, encoding: .utf8)
        let late = try await FlowgateProcess.run(["review", "score", "--truth", brokenLater, "--audit", audit])
        #expect(late.status == 2)
        #expect(late.stderr.contains("\(brokenLater): line 5: "), "\(late.stderr)")
        #expect(!late.stdout.contains("Scorecard"))
    }
}
