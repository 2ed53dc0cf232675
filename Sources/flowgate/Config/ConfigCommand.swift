import Airspace
import ArgumentParser
import Audit
import Compliance
import Foundation
import Gateway

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check gateway configuration files, and write the broker ACL they need.",
        subcommands: [ConfigCheck.self, ConfigACL.self, ConfigNATSAccounts.self]
    )
}

struct ConfigCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a configuration: exit 0 when valid, 1 with every problem on standard error when not.",
        discussion: "Password, certificate and key files must exist and be readable; the bundle must be a folder."
    )

    @Argument(help: "The YAML configuration file.", completion: .file(extensions: ["yaml", "yml"]))
    var file: String

    func run() throws {
        let config = try ConfigArgument.load(file, checkFiles: true)
        print(
            "\(file): valid. Bundle \(config.bundle.path); ingress \(config.ingress.host):\(config.ingress.port) "
                + "as \(config.ingress.clientID); egress \(config.egress.host):\(config.egress.port) as "
                + "\(config.egress.clientID), forwards at "
                + (config.forwardQoS == .arrival ? "their arrival QoS" : "QoS \(config.forwardQoS.qos(arrival: 0))")
                + "; telemetry on \(config.policy.topics.telemetry), breaches "
                + (config.policy.withholdBreaches ? "withheld" : "forwarded, flagged") + "; payload on "
                + "\(config.policy.topics.payload), "
                + (config.policy.observing.isEmpty
                    ? "every rule enforced"
                    : "observing \(config.policy.observing.map(\.rawValue).sorted().joined(separator: ", "))")
                + String(format: ", ceiling %.0f px/m", config.policy.payload.pixelDensityCeiling)
                + "; record \(Self.record(config.audit)).")
    }

    /// Where the record goes, and whether (and where) its checkpoints are signed and published.
    static func record(_ audit: AuditSettings?) -> String {
        guard let audit else { return "off" }
        guard let signer = audit.options.signer else {
            return "\(audit.path.path), UNSIGNED (checkpoint: none): anyone with write access can recompute it"
        }
        let notes = audit.options.checkpointNoteFile.map { ", checkpoints appended to \($0)" } ?? ""
        return "\(audit.path.path), signed with key \(signer.keyID)\(notes)"
    }
}

enum ConfigArgument {
    /// The configuration's bundle, or its problems printed and exit status 1.
    static func bundle(of config: GatewayConfig) throws -> SiteBundle {
        do {
            return try BundleLoader.load(directory: config.bundle, importOptions: config.zoneImport)
        } catch {
            StandardError.print("\(config.bundle.path): \(error)")
            throw ExitCode.checkFailed
        }
    }

    /// Loads a configuration, or prints its problems and exits with status 1.
    static func load(_ file: String, checkFiles: Bool) throws -> GatewayConfig {
        do {
            return try ConfigReader.load(file: URL(fileURLWithPath: file), checkFiles: checkFiles)
        } catch {
            StandardError.print("\(file): \(error.issues.count) problem\(error.issues.count == 1 ? "" : "s"):")
            for issue in error.issues { StandardError.print("  \(issue)") }
            throw ExitCode.checkFailed
        }
    }
}
