import Foundation
import TestSupport
import Testing

@Suite("flowgate help, version and usage errors")
struct HelpAndUsageTests {
    /// ArgumentParser's exit status for a usage error (EX_USAGE), documented for a bundle that is not a folder.
    static let usageError: Int32 = 64

    @Test("flowgate --help exits 0 and introduces the zones commands")
    func rootHelp() async throws {
        let result = try await FlowgateProcess.run(["--help"])

        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.contains("USAGE: flowgate <subcommand>"))
        #expect(result.stdout.contains("zones"))
        #expect(result.stdout.contains("bundles"))
        #expect(result.stdout.contains("--version"))
    }

    @Test("flowgate zones query --help exits 0 and describes the query line and the error lines")
    func queryHelp() async throws {
        let result = try await FlowgateProcess.run(["zones", "query", "--help"])

        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        // ArgumentParser wraps the discussion at 80 columns; compare with the line breaks taken out.
        let help = result.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(help.contains("USAGE: flowgate zones query <bundle>"))
        #expect(help.contains(#"{"drone","mission","lat","lon","alt_m","alt_ref","time"}"#))
        #expect(help.contains("standard input"))
        #expect(help.contains("\"error\""))
        #expect(help.contains("exit status"))
    }

    @Test("flowgate zones check --help exits 0 and states the exit statuses")
    func checkHelp() async throws {
        let result = try await FlowgateProcess.run(["zones", "check", "--help"])

        #expect(result.status == 0)
        let help = result.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(help.contains("USAGE: flowgate zones check <bundle>"))
        #expect(help.contains("exit 0 when valid, 1"))
    }

    @Test("flowgate --version prints the version number")
    func version() async throws {
        let result = try await FlowgateProcess.run(["--version"])

        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdoutLines.count == 1)
        let version = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(version.wholeMatch(of: /[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?/) != nil, "got '\(version)'")
    }

    @Test(
        "a bundle path that is not a folder is a usage error naming the path",
        arguments: ["check", "query"], ["Geofences/README.md", "Geofences/no-such-bundle"])
    func notAFolder(command: String, path: String) async throws {
        let result = try await FlowgateProcess.run(["zones", command, path])

        #expect(result.status == Self.usageError)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("'\(path)' is not a folder"), "stderr: \(result.stderr)")
    }

    @Test(
        "a missing bundle argument or an unknown subcommand is a usage error",
        arguments: [
            ["zones", "check"], ["zones", "query"], ["zones", "frobnicate"], ["zones", "check", "--strict"],
        ])
    func badUsage(arguments: [String]) async throws {
        let result = try await FlowgateProcess.run(arguments)

        #expect(result.status == Self.usageError)
        #expect(result.stdout.isEmpty)
        #expect(!result.stderr.isEmpty)
    }
}
