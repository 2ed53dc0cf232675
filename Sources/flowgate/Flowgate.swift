import ArgumentParser
import Audit

/// The `flowgate` command: a compliance gateway for drones over peaceful assemblies.
@main
struct Flowgate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flowgate",
        abstract: "Compliance gateway for public-safety drone telemetry and payload data.",
        discussion: """
            flowgate forwards what a lawful crowd-management mission needs and blocks anything that could \
            identify or track a person. These commands work on zone and authorisation bundles, gateway \
            configurations and recordings of drone traffic.
            """,
        version: FlowgateVersion.current,
        subcommands: [
            DemoCommand.self, RunCommand.self, ZonesCommand.self, ConfigCommand.self, ReplayCommand.self,
            StreamsCommand.self,
            SimCommand.self, AuditCommand.self, ReviewCommand.self, ConsoleCommand.self,
        ]
    )

    /// ArgumentParser's own `main`, except that a ``CommandFailure`` prints its message alone (no usage text)
    /// and exits with its own status: ArgumentParser would exit 1 for any error that is not an `ExitCode`.
    static func main() async {
        do {
            var command = try await asyncParseAsRoot(nil)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as CommandFailure {
            StandardError.print("Error: \(failure)")
            exit(withError: failure.exitCode)
        } catch {
            exit(withError: error)
        }
    }
}
