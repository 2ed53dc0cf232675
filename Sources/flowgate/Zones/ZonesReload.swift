import ArgumentParser
import Foundation
import Gateway
import StrictJSON

struct ZonesReload: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reload",
        abstract: "Make a running gateway read its bundle again (as SIGHUP does) and say whether it took it.",
        discussion: """
            Asks the gateway on this machine, through its loopback metrics port (`metrics.port` in its \
            configuration), to read, check and index the bundle its configuration names, off the message path, and \
            put it in force from the next message. A bundle with problems is refused and the one in force stays. \
            Either way the gateway records it (a `config_load` with the new digests, or a `bundle_reload_refused` \
            event) and announces it on its gateway events topic. Exit 0 when the new bundle is in force, 1 when it \
            was refused (every problem is printed), 2 when no gateway answered.
            """
    )

    @Option(help: "The running gateway's configuration (YAML), for its metrics port.")
    var config: String?

    @Option(help: "The gateway's metrics port, instead of reading it from --config.")
    var port: UInt16?

    func validate() throws {
        if (config == nil) == (port == nil) { throw ValidationError("give exactly one of --config and --port") }
    }

    func run() async throws {
        let port = try self.port ?? metricsPort()
        let answer: (status: Int, body: Data)
        do {
            answer = try await ReloadRequest.send(port: port)
        } catch {
            StandardError.print(
                "no gateway answered on 127.0.0.1:\(port) (is `flowgate run` running with it?): \(error)")
            throw ExitCode.cannotRun
        }
        guard let outcome = try? JSONParser.parse(Array(answer.body)).objectValue else {
            StandardError.print("127.0.0.1:\(port) answered HTTP \(answer.status), not a reload outcome")
            throw ExitCode.cannotRun
        }
        if outcome["applied"] == .bool(true) {
            let zones = outcome["zones"]?.doubleValue.map { "\(Int($0))" } ?? "?"
            let digest = outcome["bundle_digest"]?.stringValue ?? "?"
            let milliseconds = outcome["load_ms"]?.doubleValue.map { "\(Int($0))" } ?? "?"
            print(
                "reloaded: \(zones) zones in force from the next message (bundle \(digest.prefix(16)), read in \(milliseconds) ms)"
            )
            return
        }
        let problems = outcome["problems"]?.arrayValue?.compactMap(\.stringValue) ?? []
        StandardError.print(
            "refused: the bundle in force stays. \(problems.count) problem\(problems.count == 1 ? "" : "s"):")
        for problem in problems { StandardError.print("  \(problem)") }
        throw ExitCode.checkFailed
    }

    func metricsPort() throws -> UInt16 {
        guard let config else { throw ValidationError("give --config or --port") }
        let settings = try ConfigArgument.load(config, checkFiles: false)
        guard let port = settings.metricsPort else {
            StandardError.print(
                "\(config): metrics.port is not set: the gateway has no port to ask; use kill -HUP instead")
            throw ExitCode.checkFailed
        }
        return port
    }
}
