import Foundation
import TestSupport
import Testing

/// `flowgate sim run` against a gateway in another process (`--exercise-clock`) cannot slow the gateway's clock
/// down: when publishing falls behind, it says so loudly, while it runs and at the end.
@Suite struct SimRunLagTests {
    @Test func aPublisherBehindTheExerciseClockIsReportedLoudly() async throws {
        let broker = try TestBroker()
        defer { broker.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-sim-lag-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let scenario = try DemoEndToEndTests.shortScenario(in: folder, geofenceOnly: true)
        let result = try await FlowgateProcess.run(
            [
                "sim", "run", scenario.path, "--port", "\(broker.port)", "--speed", "25", "--publish-slowdown-ms", "50",
                "--truth", folder.appendingPathComponent("truth.jsonl").path,
            ], timeout: 180)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stderr.contains("s of scenario time BEHIND the exercise clock; a gateway on this clock judges"),
            "\(result.stderr)")
        let summary = try #require(
            result.stderr.split(separator: "\n").first {
                $0.hasPrefix("warning: publishing fell behind the exercise clock by up to ")
            })
        let seconds = Double(
            summary.dropFirst("warning: publishing fell behind the exercise clock by up to ".count).prefix { $0 != " " }
        )
        #expect((seconds ?? 0) > 30, "\(summary)")
    }
}
