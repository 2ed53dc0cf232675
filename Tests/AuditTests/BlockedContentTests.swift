import Audit
import Foundation
import StrictJSON
import TestSupport
import Testing

@Suite("Blocked content is never stored")
struct BlockedContentTests {
    static let marker = "FACE-MARKER-91c4e7"

    @Test("decisions on a payload carrying a marker leave no trace of it in the database or its WAL")
    func markerNeverStored() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("audit.sqlite")
        let payload = Data(
            #"{"v":1,"drone":"D7","product":"face_crop","data":{"crop":"\#(Self.marker)","embedding":[0.1,0.2]}}"#.utf8)
        var options = AuditOptions()
        options.batchWindow = .milliseconds(10)
        let log = try AuditLog.open(path: path, options: options, now: SampleLog.time(0))
        for index in 0..<50 {
            try await log.record(
                .decision(
                    time: SampleLog.time(Double(index)), drone: "D7", mission: "M-0412", stream: "cam0",
                    topic: "fleet/D7/payload/cam0", verdict: .block, reasons: ["identification_product"],
                    product: "face_crop", payload: PayloadDigest(of: payload)))
        }
        try await log.record(
            .streamControl(
                .suspension, time: SampleLog.time(1), drone: "D7", mission: "M-0412", stream: "cam0", by: "gateway",
                reason: "identification_product"))
        try await log.flush()
        try expectNoMarker(in: path)  // while open: the WAL holds the recent commits
        try await log.close(now: SampleLog.time(60))
        try expectNoMarker(in: path)

        let decisions = try AuditReader(path: path).records(RecordFilter(kinds: [.decision]))
        #expect(decisions.count == 50)
        #expect(decisions.allSatisfy { $0.digest == PayloadDigest(of: payload).hex })
        #expect(decisions.first?.fields["size"]?.doubleValue == Double(payload.count))
    }

    private func expectNoMarker(in path: String) throws {
        var checked = 0
        for suffix in ["", "-wal", "-shm", "-journal"] {
            guard let bytes = FileManager.default.contents(atPath: path + suffix) else { continue }
            checked += 1
            #expect(bytes.range(of: Data(Self.marker.utf8)) == nil, "marker found in \(path + suffix)")
        }
        #expect(checked >= 1)
    }
}
