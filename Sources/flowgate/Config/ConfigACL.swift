import Airspace
import ArgumentParser
import Compliance
import Foundation
import Gateway
import Pipeline

struct ConfigACL: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "acl",
        abstract: "Write the broker's ACL file (mosquitto acl_file) for a configuration and its bundle.",
        discussion: """
            Every drone the bundle's authorisations name (and every drone and dock the adapters map) gets an account \
            that writes only its own ingress topics; the gateway's ingress and egress accounts (the configuration's \
            usernames) read and write what they must; operators write release orders. Use it with the shipped \
            Deploy/mosquitto.conf, which binds each client id to its account.
            """
    )

    @Argument(help: "The YAML configuration file.", completion: .file(extensions: ["yaml", "yml"]))
    var file: String

    @Option(name: .customLong("operator"), help: "An operator account that may release suspended streams (repeat).")
    var operators: [String] = []

    @Option(name: .shortAndLong, help: "Write the ACL to this file instead of standard output.")
    var output: String?

    func run() throws {
        let config = try ConfigArgument.load(file, checkFiles: false)
        let bundle = try ConfigArgument.bundle(of: config)
        guard let ingress = config.ingress.username, let egress = config.egress.username, ingress != egress else {
            StandardError.print(
                "\(file): ingress.username and egress.username must be given and differ: the broker binds each "
                    + "client id to its account, and the gateway's two sessions need an account each")
            throw ExitCode.checkFailed
        }
        var drones = Set(bundle.authorisations.flatMap(\.drones))
        drones.formUnion(config.adapters.missions.keys)
        if let dji = config.adapters.djiCloudAPI { drones.formUnion(dji.gateways.keys) }
        let acl = BrokerACL(
            ingressAccount: ingress, egressAccount: egress, operators: operators, drones: drones.sorted(),
            topics: config.policy.topics, adapters: config.adapters)
        if let output {
            try acl.text.write(toFile: output, atomically: true, encoding: .utf8)
            StandardError.print("wrote \(output): \(drones.count) drones, \(operators.count) operators")
        } else {
            print(acl.text, terminator: "")
        }
    }
}
