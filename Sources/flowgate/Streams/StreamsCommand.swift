import ArgumentParser
import Compliance
import Crypto
import Foundation
import Gateway
import MQTT

struct StreamsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "streams",
        abstract: "Operator actions on payload streams.",
        subcommands: [StreamsRelease.self, StreamsKeygen.self]
    )
}

/// Publishes a release order on the control topic, as an operator: the gateway lifts the suspension, publishes
/// `stream_released` with the operator and the reason, and the record keeps it.
struct StreamsRelease: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release",
        abstract: "Release a suspended stream (an operator action, recorded with your name and reason).",
        discussion: """
            Signs the order with the operator's key (the gateway obeys only orders signed with the key its \
            configuration lists for that operator, issued within 5 minutes, never replayed, never retained), \
            connects to the configuration's egress broker as the operator (the shipped ACLs let only operator \
            accounts write the control topic) and publishes {"action":"release",...} on it at QoS 1.
            """
    )

    @Option(help: "The operator's private key file (flowgate streams keygen).", completion: .file())
    var key: String

    @Option(help: "The gateway configuration (YAML): its egress broker and control topic are used.")
    var config: String

    @Option(help: "The drone whose stream is released.")
    var drone: String

    @Option(help: "The stream name, as in fleet/{drone}/payload/{stream}.")
    var stream: String

    @Option(name: .customLong("operator"), help: "Who orders the release (recorded).")
    var operatorName: String

    @Option(help: "Why, in words (10 to 2000 characters; recorded).")
    var reason: String

    @Option(help: "The operator's broker username (default: the operator name).")
    var username: String?

    @Option(help: "A file holding the operator's broker password.")
    var passwordFile: String?

    func run() async throws {
        let settings = try ConfigArgument.load(config, checkFiles: false)
        let privateKey: Curve25519.Signing.PrivateKey
        do {
            privateKey = try OperatorKey.readPrivate(key)
        } catch {
            throw CommandFailure("\(error)")
        }
        let order = try ReleaseOrder.signed(
            stream: StreamKey(drone: drone, stream: stream), operatorName: operatorName, reason: reason,
            issuedAt: settings.clock(Date()), key: privateKey)
        // The same checks the gateway applies, before anything is sent.
        do {
            _ = try ReleaseOrder(json: order.json)
        } catch {
            throw ValidationError("the release order is not valid: \(error)")
        }
        var options = MQTTOptions(
            host: settings.egress.host, port: settings.egress.port,
            clientID: "flowgate-release-\(UUID().uuidString.prefix(8))")
        options.username = username ?? operatorName
        if let passwordFile {
            guard let text = try? String(contentsOfFile: passwordFile, encoding: .utf8) else {
                throw CommandFailure("cannot read the password file '\(passwordFile)'")
            }
            options.password = text.trimmingCharacters(in: .newlines)
        }
        options.tls = settings.egress.tls.map {
            MQTTOptions.TLS(
                caFile: $0.caFile.path, certificateFile: $0.certificateFile?.path, keyFile: $0.keyFile?.path)
        }
        let client = try MQTTClient(options: options)
        try await client.connect()
        try await client.publish(MQTTMessage(topic: settings.policy.topics.control, payload: order.json, qos: 1))
        client.disconnect()
        print("release order for \(order.stream) published on \(settings.policy.topics.control)")
    }
}

/// Makes an operator's key pair for signing release orders.
struct StreamsKeygen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Make an operator's Ed25519 key pair for release orders: FILE (private, mode 0600) and FILE.pub.",
        discussion: """
            The operator keeps the private key (flowgate streams release --key FILE); the gateway's configuration \
            lists the public key under operators: with the operator's name.
            """
    )

    @Option(help: "Where to write the private key; the public key goes to the same path with .pub added.")
    var out: String

    @Flag(help: "Replace existing key files.")
    var force = false

    func run() throws {
        for path in [out, out + ".pub"] where !force && FileManager.default.fileExists(atPath: path) {
            throw ValidationError("'\(path)' exists; pass --force to replace it")
        }
        do {
            try OperatorKey.generate(at: out)
        } catch {
            throw CommandFailure("\(error)")
        }
        print("wrote \(out) (private) and \(out).pub (public)")
    }
}
