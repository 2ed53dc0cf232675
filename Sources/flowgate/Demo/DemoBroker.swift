import Foundation
import HexEncoding
import MQTT

/// The demo's private mosquitto: the system's broker on a free loopback port, with the deployment's settings
/// (client ids bound to accounts), the exercise's ACL and a password file of fresh random credentials (one per
/// drone, the gateway's two sessions and a consumer). Nothing is persisted.
final class DemoBroker: Sendable {
    let port: Int
    /// Passwords by MQTT username.
    let passwords: [String: String]
    let folder: URL
    private let broker: BrokerProcess

    var pid: Int32 { broker.pid }

    /// Writes the configuration and credentials into `folder` and starts the broker.
    /// - Throws: ``DemoError`` when mosquitto or mosquitto_passwd is missing, a file cannot be written, or the
    ///   broker does not listen within five seconds (with the end of its log).
    /// - Parameter rules: the ACL file's text.
    init(folder: URL, rules: String, users: [String]) throws {
        let mosquitto: URL
        let passwd: URL
        do {
            mosquitto = try BrokerProcess.executable(named: "mosquitto")
            passwd = try BrokerProcess.executable(named: "mosquitto_passwd")
        } catch {
            throw DemoError(error.description)
        }
        self.folder = folder
        let passwords = Dictionary(uniqueKeysWithValues: users.map { ($0, DemoBroker.randomPassword()) })
        self.passwords = passwords
        let passwordFile = folder.appendingPathComponent("mosquitto.passwd")
        // mosquitto_passwd -U hashes a whole file of user:password lines in place: one process, not one per user.
        let plain = users.map { "\($0):\(passwords[$0]!)\n" }.joined()
        try DemoBroker.write(plain, to: passwordFile)
        try DemoBroker.runToEnd(passwd, ["-U", passwordFile.path])
        let aclCopy = folder.appendingPathComponent("mosquitto.acl")
        try DemoBroker.write(rules, to: aclCopy)
        // As whoever runs the demo: a broker started by root would otherwise switch to the 'mosquitto' user. The
        // listener comes before its options: an option before any `listener` line makes mosquitto open a default
        // listener on port 1883 of every interface too.
        func configuration(_ port: Int) -> String {
            """
            user \(BrokerProcess.userName)
            per_listener_settings false
            allow_anonymous false
            password_file \(passwordFile.path)
            acl_file \(aclCopy.path)
            listener \(port) 127.0.0.1
            use_username_as_clientid true
            max_queued_messages 300000
            persistence false
            max_packet_size 1048576
            log_dest file \(folder.appendingPathComponent("mosquitto.log").path)

            """
        }
        let configurationFile = folder.appendingPathComponent("mosquitto.conf")
        do {
            broker = try BrokerProcess.onFreePort(executable: mosquitto) { port in
                try DemoBroker.write(configuration(port), to: configurationFile)
                return configurationFile
            }
            port = broker.port
        } catch let error as BrokerProcessError {
            throw DemoError("\(error); its log:\n\(DemoBroker.logTail(in: folder))")
        }
    }

    deinit { stop() }

    /// Stops the broker (SIGTERM, then SIGKILL after two seconds) and reaps it; safe to call more than once and
    /// from a signal handler's task.
    func stop() { broker.stop(grace: 2) }

    var logTail: String { DemoBroker.logTail(in: folder) }

    private static func logTail(in folder: URL) -> String {
        let text = (try? String(contentsOf: folder.appendingPathComponent("mosquitto.log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(10).joined(separator: "\n")
    }

    private static func randomPassword() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<24).map { _ in UInt8.random(in: 0...255, using: &generator) }.hexString
    }

    private static func write(_ text: String, to file: URL) throws {
        guard
            FileManager.default.createFile(
                atPath: file.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else { throw DemoError("cannot write '\(file.path)'") }
    }

    private static func runToEnd(_ tool: URL, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        guard ChildProcess.exitStatus(process, within: 10) == 0 else {
            throw DemoError("\(tool.lastPathComponent) \(arguments.joined(separator: " ")) failed")
        }
    }
}

/// Why the demo could not go on.
struct DemoError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
