import Airspace
import ArgumentParser
import Compliance
import Foundation
import Gateway

struct ConfigNATSAccounts: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nats-accounts",
        abstract: "Write the accounts block of a NATS cluster (Deploy/nats/) for a configuration and its bundle.",
        discussion: """
            The same rules as `flowgate config acl` in NATS's terms, with the partition mappings: every drone the \
            bundle's authorisations name writes only its own native topics, in its own partition; the gateway's \
            ingress account reads the partitioned ingress topics, its egress account writes compliant/ and \
            flowgate/; operators write release orders; consumers only read. Passwords come from --credentials \
            (lines account:password); every account needs one. The file holds them: it is written mode 0600.
            """
    )

    @Argument(help: "The YAML configuration file.", completion: .file(extensions: ["yaml", "yml"]))
    var file: String

    @Option(help: "The number of partitions the fleet is split into (the same for every gateway instance).")
    var partitions: Int = 8

    @Option(help: "A file of account:password lines, one per account.", completion: .file())
    var credentials: String

    @Option(name: .customLong("operator"), help: "An operator account that may release suspended streams (repeat).")
    var operators: [String] = []

    @Option(name: .customLong("consumer"), help: "An account that only reads what flowgate publishes (repeat).")
    var consumers: [String] = []

    @Option(name: .shortAndLong, help: "Write the accounts to this file instead of standard output.")
    var output: String?

    func run() throws {
        let config = try ConfigArgument.load(file, checkFiles: false)
        let bundle = try ConfigArgument.bundle(of: config)
        guard let ingress = config.ingress.username, let egress = config.egress.username, ingress != egress else {
            StandardError.print("\(file): ingress.username and egress.username must be given and differ")
            throw ExitCode.checkFailed
        }
        let partitioning: ClusterPartitioning
        do {
            partitioning = try ClusterPartitioning(count: partitions)
        } catch {
            StandardError.print("--partitions: \(error)")
            throw ExitCode.checkFailed
        }
        let passwords = try SimRunCommand.readCredentials(credentials)
        let accounts = NATSAccounts(
            partitioning: partitioning, ingressAccount: ingress, egressAccount: egress, operators: operators,
            consumers: consumers, drones: Set(bundle.authorisations.flatMap(\.drones)).sorted(), passwords: passwords,
            topics: config.policy.topics)
        let missing = accounts.accountsWithoutPassword
        guard missing.isEmpty else {
            StandardError.print("\(credentials): no password for \(missing.joined(separator: ", "))")
            throw ExitCode.checkFailed
        }
        guard let output else { return print(accounts.text, terminator: "") }
        guard
            FileManager.default.createFile(
                atPath: output, contents: Data(accounts.text.utf8), attributes: [.posixPermissions: 0o600])
        else {
            StandardError.print("cannot write '\(output)'")
            throw ExitCode.checkFailed
        }
        StandardError.print(
            "wrote \(output): \(accounts.drones.count) drones in \(partitions) partitions, \(operators.count) operators, "
                + "\(consumers.count) consumers")
    }

}
