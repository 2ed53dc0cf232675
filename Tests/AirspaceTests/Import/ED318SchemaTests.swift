import AirspaceFixtures
import Foundation
import Testing

/// The ED-318 files the tests import are checked against the standard's JSON schemas (draft-07) by
/// `Tests/Tools/validate_ed318.py`, which needs python3 with `jsonschema` (pip install jsonschema). A missing
/// module fails these tests: a validation that did not run must not pass.
@Suite("ED-318 files against the ED-318 JSON schemas")
struct ED318SchemaTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Tools/validate_ed318.py")

    /// Runs the validator; its exit status and output.
    static func validate(_ files: [URL]) async throws -> (status: Int32, output: String) {
        try await offThePool { try run(files) }
    }

    private static func run(_ files: [URL]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            ["python3", script.path, ImportSamples.root.appendingPathComponent("ed318-schema").path] + files.map(\.path)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    static func temporary(_ data: Data, _ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString)-\(name)")
        try data.write(to: url)
        return url
    }

    @Test("the samples the tests import are valid; the purposely invalid one is not")
    func samples() async throws {
        let valid = [
            "Example_Collection.json", "Example_GeoZone_2_Layers.json", "Example_GeoZone_Circle.json",
            "cis_source_sample_ed318.json",
        ].map { ImportSamples.root.appendingPathComponent("ed318/\($0)") }
        let result = try await Self.validate(valid)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.components(separatedBy: ": valid").count == 5, "\(result.output)")
        let invalid = try await Self.validate([
            ImportSamples.root.appendingPathComponent("ed318/InvalidExample_GeoZone_2_Layers.json")
        ])
        #expect(invalid.status == 1, "\(invalid.output)")
        #expect(invalid.output.contains("metadata/validFrom"), "\(invalid.output)")
    }

    @Test("the synthetic national file is valid, offsets, fractions and duplicates included")
    func national() async throws {
        let url = try Self.temporary(NationalImportTests.generated.json, "national.ed318.json")
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try await Self.validate([url])
        #expect(result.status == 0, "\(result.output.prefix(2_000))")
    }

    @Test("the validator checks the time format: 25:00:00Z in a schedule is reported")
    func timeFormatChecked() async throws {
        let text = String(decoding: NationalImportTests.generated.json, as: UTF8.self)
        let broken = try #require(text.range(of: #""startTime" : ""#))
        let end = text.index(broken.upperBound, offsetBy: 2)
        let url = try Self.temporary(Data((text[..<broken.upperBound] + "25" + text[end...]).utf8), "broken.ed318.json")
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try await Self.validate([url])
        #expect(result.status == 1)
        #expect(result.output.contains("is not a 'time'"), "\(result.output.prefix(2_000))")
    }
}
