import Audit
import Foundation
import FoundationXML
import Review
import StrictJSON
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `flowgate demo` end to end, as CI runs it (not on a terminal): a private broker, the gateway and a short
/// exercise on the training-day site, scored from the audit record.
@Suite struct DemoEndToEndTests {
    /// Training-day cut to 150 s of scenario time, with the identification and geofence faults moved into it;
    /// with `geofenceOnly`, cut to 60 s with the geofence faults alone (lighter, for the tests of lag).
    static func shortScenario(in folder: URL, geofenceOnly: Bool = false) throws -> URL {
        let root = FlowgateProcess.packageRoot
        let original = root.appendingPathComponent("Simulator/Scenarios/training-day.json")
        guard case .object(var scenario) = try JSONParser.parse(Array(try Data(contentsOf: original))) else {
            throw DemoTestError("training-day.json is not an object")
        }
        scenario["name"] = "training-day-short"
        scenario["bundle"] = .string(root.appendingPathComponent("Simulator/Scenarios/training-day-site").path)
        scenario["duration_s"] = .number(geofenceOnly ? 60 : 150)
        scenario["faults"] = try JSONParser.parse(
            Array(
                """
                [{"at_s": 20, "drone": "D1", "fault": "drift_out_of_area",
                  "params": {"lat": 52.52, "lon": 13.365, "duration_s": 20}},
                 {"at_s": 20, "drone": "D3", "fault": "descend_below_floor",
                  "params": {"alt_m": 15, "alt_ref": "AGL", "duration_s": 20}},
                 {"at_s": 20, "drone": "D2", "fault": "enter_no_capture",
                  "params": {"lat": 52.5153, "lon": 13.3812, "duration_s": 20}},
                 {"at_s": 30, "drone": "D4", "fault": "enter_no_fly",
                  "params": {"lat": 52.51555, "lon": 13.3665, "duration_s": 20}},
                 {"at_s": 100, "drone": "D3", "fault": "face_product", "params": {"stream": "img0", "product": "face_crop"}},
                 {"at_s": 100, "drone": "D2", "fault": "smuggle_track_id", "params": {"stream": "flow0"}}]
                """.utf8))
        if geofenceOnly, case .array(let faults) = scenario["faults"] {
            scenario["faults"] = .array(faults.filter { ($0["at_s"]?.doubleValue ?? 0) < 60 })
        }
        let file = folder.appendingPathComponent("training-day-short.json")
        try Data(JSONWriter.write(.object(scenario)).utf8).write(to: file)
        return file
    }

    @Test func runsTheExerciseScoresItAndStopsTheBroker() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-demo-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let scenario = try Self.shortScenario(in: folder)
        let out = folder.appendingPathComponent("out")
        // The demo's 25x, although a debug build beside the rest of the suite cannot keep it: the exercise clock
        // waits for a publisher (the next test) and for a gateway that falls behind in taking messages from the
        // broker, so the exercise takes longer and stays true.
        let result = try await FlowgateProcess.run(
            ["demo", "--scenario", scenario.path, "--speed", "25", "--out", out.path], timeout: 180)
        #expect(result.status == 0, "stdout:\n\(result.stdout)\nstderr:\n\(result.stderr)")
        let lines = result.stdoutLines

        // Every identification and geofence fault caught, nothing compliant blocked, nothing missing.
        let truthCount = try String(contentsOf: out.appendingPathComponent("truth.jsonl"), encoding: .utf8)
            .split(separator: "\n").count
        #expect(truthCount > 500)
        #expect(
            lines.contains { $0.hasPrefix("Scorecard: \(truthCount) messages in the truth, \(truthCount) decided") })
        #expect(lines.contains { $0.hasPrefix("False blocks of compliant traffic: 0 of ") })
        for fault in [
            "drift_out_of_area", "descend_below_floor", "enter_no_capture", "enter_no_fly", "face_product",
            "smuggle_track_id",
        ] {
            let row = lines.first { $0.hasPrefix("  \(fault) ") }
            #expect(row?.hasSuffix(" 100.0 %") == true, "fault \(fault): \(row ?? "no row")")
        }
        #expect(
            lines.contains { $0.hasPrefix("Record: intact: ") && $0.hasSuffix("ends with stop") }, "\(result.stdout)")
        // Signed by default with a key the demo made, and verified as an oversight body would: with the public key
        // and the checkpoints published during the run.
        let record = try #require(lines.first { $0.hasPrefix("Record: intact: ") })
        #expect(record.contains("signatures valid") && record.contains("signed head at seq"), "\(record)")
        #expect(record.contains("published checkpoints found in the record"), "\(record)")
        for file in ["audit.key", "audit.key.pub", "audit.checkpoints"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(file)")
        }
        #expect(lines.contains("Demo passed: every scripted fault caught, no compliant message blocked."))
        // The record within its documented size, and the pace the exercise kept.
        let size = try #require(lines.first { $0.hasPrefix("Record size: ") }, "\(result.stdout)")
        #expect(size.hasSuffix("(within)") && size.contains(" per drone-hour"), "\(size)")
        #expect(lines.contains { $0.hasPrefix("Pace: ") && $0.hasSuffix("(asked 25.00x)") }, "\(result.stdout)")

        // The report reads only the kinds of record it shows, and from them it is the same as from every record.
        let database = out.appendingPathComponent("audit.sqlite").path
        let verdict = try ChainVerifier.verify(path: database)
        func report(_ kinds: Set<AuditKind>?) throws -> String {
            let run = try RecordedRun(reader: AuditReader(path: database), filter: RecordFilter(kinds: kinds))
            return HTMLReport(title: "t", scope: database, verdict: verdict, bundle: nil, bundleNote: "n").render(run)
        }
        let everything = try RecordedRun(reader: AuditReader(path: database), filter: RecordFilter())
        #expect(!everything.records(.payloadSummary).isEmpty && !everything.records(.checkpoint).isEmpty)
        #expect(try report(nil) == report(HTMLReport.recordKinds))

        // The report is there and is well-formed XML (so a browser and a parser both read it).
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        _ = try XMLDocument(xmlString: html, options: [])
        #expect(html.contains("training-day-site"))

        // The private broker is gone.
        let brokerLine = try #require(lines.first { $0.hasPrefix("Broker: mosquitto pid ") })
        let pid = try #require(Int32(brokerLine.dropFirst("Broker: mosquitto pid ".count).prefix { $0.isNumber }))
        #expect(kill(pid, 0) == -1 && errno == ESRCH)
        #expect(lines.contains("Broker stopped (mosquitto pid \(pid))."))
    }

    /// A machine too slow for the speed asked: every drone's client pauses before each message, so publishing
    /// can do a fraction of what 25x needs. The exercise clock waits for it: the exercise takes longer and stays
    /// true, with no compliant message blocked as late.
    @Test func aSlowPublisherSlowsTheExerciseInsteadOfCorruptingIt() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-demo-slow-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let scenario = try Self.shortScenario(in: folder, geofenceOnly: true)
        let out = folder.appendingPathComponent("out")
        let result = try await FlowgateProcess.run(
            ["demo", "--scenario", scenario.path, "--speed", "25", "--publish-slowdown-ms", "50", "--out", out.path],
            timeout: 240)
        #expect(result.status == 0, "stdout:\n\(result.stdout)\nstderr:\n\(result.stderr)")
        let lines = result.stdoutLines
        #expect(lines.contains { $0.hasPrefix("False blocks of compliant traffic: 0 of ") }, "\(result.stdout)")
        let prefix = "Publishing or the gateway fell behind the exercise clock by up to "
        let behind = try #require(lines.first { $0.hasPrefix(prefix) })
        let seconds = try #require(Double(behind.dropFirst(prefix.count).prefix { $0 != " " }))
        // Far more than the gateway's 30 s clock_behind limit: without the wait, these would be false blocks.
        #expect(seconds > 30, "\(behind)")
        #expect(lines.contains("Demo passed: every scripted fault caught, no compliant message blocked."))
    }
}

struct DemoTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
