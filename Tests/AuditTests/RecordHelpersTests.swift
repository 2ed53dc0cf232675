import Foundation
import Geo
import StrictJSON
import TestSupport
import Testing

@testable import Audit

@Suite("Decimation, tallies, canonical encoding and the writer")
struct RecordHelpersTests {
    @Test("the decimator keeps one fix per second per drone, and every change of state")
    func decimator() {
        var decimator = TrackDecimator()
        var kept: [String] = []
        for tenth in 0..<30 {
            let time = SampleLog.time(Double(tenth) / 10)
            for drone in ["A", "B"] {
                let state: TrackState = drone == "B" && tenth == 15 ? .breach : .compliant
                if decimator.shouldRecord(drone: drone, at: time, state: state) { kept.append("\(drone)\(tenth)") }
            }
        }
        #expect(kept == ["A0", "B0", "A10", "B10", "B15", "B16", "A20", "B26"])
    }

    @Test("tallies count per drone and mission, blocked by reason, and are due every interval")
    func tally() throws {
        var tally = Tally(interval: 10)
        tally.count(drone: "D1", mission: "M", verdict: .forward, reasons: [], at: SampleLog.time(0))
        tally.count(
            drone: "D1", mission: "M", verdict: .withhold, reasons: ["in_no_fly", "below_floor"], at: SampleLog.time(1))
        tally.count(drone: "D1", mission: "M", verdict: .block, reasons: ["in_no_fly"], at: SampleLog.time(2))
        tally.count(drone: "D1", mission: "M", verdict: .redact, reasons: ["cell_too_small"], at: SampleLog.time(3))
        tally.count(drone: "D2", mission: nil, verdict: .forward, reasons: [], at: SampleLog.time(4))
        #expect(tally.due(at: SampleLog.time(9)).isEmpty)
        let entries = tally.due(at: SampleLog.time(10))
        #expect(entries.map(\.drone) == ["D1", "D2"])
        let d1 = entries[0].fields
        #expect(d1["forwarded"] == .number(1))
        #expect(d1["redacted"] == .number(1))
        #expect(d1["blocked_total"] == .number(2))
        #expect(d1["blocked"] == .object(["below_floor": .number(1), "in_no_fly": .number(2)]))
        #expect(tally.due(at: SampleLog.time(30)).isEmpty)  // nothing counted since
    }

    @Test("payload summaries sum per drone, stream and product over each interval, with its period and messages")
    func payloadSummaries() throws {
        var summaries = PayloadSummaries(interval: 1)
        func add(_ stream: String, _ product: String, cells: Int, total: Int, suppressed: Int = 0, at: Double) {
            summaries.add(
                drone: "D1", mission: "M", stream: stream, product: product, cells: cells, totalCount: total,
                suppressedCells: suppressed, at: SampleLog.time(at))
        }
        add("grid0", "crowd_density", cells: 400, total: 900, suppressed: 3, at: 0)
        add("grid0", "crowd_density", cells: 400, total: 880, suppressed: 1, at: 0.4)
        add("flow0", "crowd_flow", cells: 20, total: 150, at: 0.5)
        #expect(summaries.due(at: SampleLog.time(0.9)).isEmpty)
        let entries = summaries.due(at: SampleLog.time(1.2))
        #expect(entries.map(\.stream) == ["flow0", "grid0"])
        #expect(entries.allSatisfy { $0.kind == .payloadSummary && $0.time == SampleLog.time(1.2) })
        let grid = entries[1].fields
        #expect(grid["messages"] == .number(2))
        #expect(grid["cells"] == .number(800))
        #expect(grid["total_count"] == .number(1_780))
        #expect(grid["suppressed_cells"] == .number(4))
        #expect(grid["product"] == .string("crowd_density"))
        #expect(grid["period_start"] == .string(RecordTime.text(SampleLog.time(0))))
        #expect(grid["period_end"] == .string(RecordTime.text(SampleLog.time(1.2))))
        #expect(summaries.due(at: SampleLog.time(5)).isEmpty)  // nothing added since
        add("grid0", "crowd_density", cells: 400, total: 10, at: 6)
        #expect(summaries.drain(at: SampleLog.time(6.1)).map { $0.fields["messages"] } == [.number(1)])
    }

    @Test("an interval of 0 records every forwarded payload on its own, as one message without a period")
    func payloadSummaryPerMessage() throws {
        var summaries = PayloadSummaries(interval: 0)
        summaries.add(
            drone: "D1", mission: nil, stream: "grid0", product: "crowd_density", cells: 400, totalCount: 900,
            suppressedCells: 2, at: SampleLog.time(3))
        let entries = summaries.due(at: SampleLog.time(3))
        #expect(entries.count == 1)
        #expect(
            entries.first?.fields == [
                "cells": .number(400), "product": .string("crowd_density"), "suppressed_cells": .number(2),
                "total_count": .number(900),
            ])
    }

    @Test("the canonical body sorts keys at every level by their UTF-8 bytes")
    func canonical() {
        let body: JSONObject = [
            "z": .number(1), "a": .object(["é": "x", "b": .array([.object(["y": .null, "x": .bool(true)])])]),
        ]
        #expect(CanonicalJSON.text(body) == #"{"a":{"b":[{"x":true,"y":null}],"é":"x"},"z":1}"#)
    }

    @Test("the header hashed into the chain is the documented JSON array")
    func header() {
        let header = RecordHasher.Header(
            seq: 7, time: "2026-11-28T10:00:00.000Z", kind: "decision", drone: "D7", mission: nil, stream: "cam0",
            digest: nil, bodyHash: Data(repeating: 0xab, count: 2))
        #expect(
            RecordHasher.headerText(header)
                == #"["flowgate-audit-v1",7,"2026-11-28T10:00:00.000Z","decision","D7",null,"cam0",null,"abab"]"#)
    }

    @Test("record times are written as RFC3339.format writes them, however they are formatted")
    func fastTimeFormatter() {
        var formatter = RecordTime.Formatter()
        for offset in [0.0, 0.0004, 0.1209, 9.9996, 59.999, 60.0, 3_599.5, 86_399.999, -0.25] {
            let date = SampleLog.time(offset)
            #expect(formatter.text(date) == RFC3339.format(date), "at \(offset)")
        }
        #expect(formatter.text(SampleLog.time(59.999)) == "2026-11-28T14:00:59.999Z")
    }

    @Test("a tiny queue makes callers wait instead of dropping: every record is committed, in order")
    func backPressure() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("audit.sqlite")
        var options = AuditOptions()
        options.queueCapacity = 2
        options.batchWindow = .milliseconds(1)
        let log = try AuditLog.open(path: path, options: options, now: SampleLog.time(0))
        for index in 0..<500 {
            try await log.record(
                AuditEntry(time: SampleLog.time(Double(index)), kind: .event, fields: ["n": .number(index)]))
        }
        try await log.close(now: SampleLog.time(600))
        #expect(log.stats.accepted == 500)
        #expect(log.stats.lost == 0)
        let events = try AuditReader(path: path).records(RecordFilter(kinds: [.event]))
        #expect(events.map { $0.fields["n"]?.doubleValue ?? -1 } == (0..<500).map(Double.init))
        await #expect(throws: AuditError.self) {
            try await log.record(AuditEntry(time: SampleLog.time(0), kind: .event))
        }
        #expect(try ChainVerifier.verify(path: path).isIntact)
    }
}
