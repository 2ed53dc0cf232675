import Foundation
import TestSupport
import Testing

@Suite("A file that cannot be read is an error, not a usage mistake")
struct CommandFailureTests {
    @Test("replay of a missing recording names the file, exits 2 and prints no usage text")
    func missingRecording() async throws {
        let missing = FileManager.default.temporaryDirectory
            .appendingPathComponent("flowgate-no-such-recording-\(UUID().uuidString).jsonl").path
        let result = try await FlowgateProcess.run(["replay", missing, "--config", "Deploy/flowgate.example.yaml"])

        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot read the recording '\(missing)'"))
        #expect(!result.stderr.lowercased().contains("usage:"), "\(result.stderr)")
        #expect(!result.stderr.contains("--help"), "\(result.stderr)")
    }
}
