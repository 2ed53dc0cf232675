import Foundation
import HexEncoding

#if canImport(Glibc)
    import Glibc
#endif

/// The demo's private mosquitto: the system's broker on a free loopback port, with the deployment's settings
/// (client ids bound to accounts), the exercise's ACL and a password file of fresh random credentials (one per
/// drone, the gateway's two sessions and a consumer). Nothing is persisted.
final class DemoBroker: @unchecked Sendable {
    let port: Int
    /// Passwords by MQTT username.
    let passwords: [String: String]
    let folder: URL
    private let process: Process
    private let lock = NSLock()
    private var stopped = false

    var pid: Int32 { process.processIdentifier }

    /// Writes the configuration and credentials into `folder` and starts the broker.
    /// - Throws: ``DemoError`` when mosquitto or mosquitto_passwd is missing, a file cannot be written, or the
    ///   broker does not listen within five seconds (with the end of its log).
    /// - Parameter rules: the ACL file's text.
    init(folder: URL, rules: String, users: [String]) throws {
        let broker = try DemoBroker.tool("mosquitto")
        let passwd = try DemoBroker.tool("mosquitto_passwd")
        self.folder = folder
        port = try DemoBroker.freePort()
        let passwords = Dictionary(uniqueKeysWithValues: users.map { ($0, DemoBroker.randomPassword()) })
        self.passwords = passwords
        let passwordFile = folder.appendingPathComponent("mosquitto.passwd")
        // mosquitto_passwd -U hashes a whole file of user:password lines in place: one process, not one per user.
        let plain = users.map { "\($0):\(passwords[$0]!)\n" }.joined()
        try DemoBroker.write(plain, to: passwordFile)
        try DemoBroker.runToEnd(passwd, ["-U", passwordFile.path])
        let aclCopy = folder.appendingPathComponent("mosquitto.acl")
        try DemoBroker.write(rules, to: aclCopy)
        // As whoever runs the demo: a broker started by root would otherwise switch to the 'mosquitto' user.
        let user = getpwuid(getuid()).map { String(cString: $0.pointee.pw_name) } ?? "root"
        let port = self.port
        let configuration = """
            user \(user)
            per_listener_settings false
            allow_anonymous false
            password_file \(passwordFile.path)
            acl_file \(aclCopy.path)
            use_username_as_clientid true
            max_queued_messages 300000
            persistence false
            max_packet_size 1048576
            log_dest file \(folder.appendingPathComponent("mosquitto.log").path)
            listener \(port) 127.0.0.1

            """
        let configurationFile = folder.appendingPathComponent("mosquitto.conf")
        try DemoBroker.write(configuration, to: configurationFile)
        process = Process()
        process.executableURL = broker
        process.arguments = ["-c", configurationFile.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<100 {
            if DemoBroker.accepts(port: port) { return }
            usleep(50_000)
        }
        stop()
        throw DemoError("mosquitto did not listen on 127.0.0.1:\(port) within 5 s; its log:\n\(logTail)")
    }

    deinit { stop() }

    /// Stops the broker (SIGTERM, then SIGKILL after two seconds) and reaps it; safe to call more than once and
    /// from a signal handler's task.
    func stop() {
        let first = lock.withLock {
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        let pid = process.processIdentifier
        guard pid > 0 else { return }
        kill(pid, SIGTERM)
        if !DemoBroker.reap(pid, within: 2) {
            kill(pid, SIGKILL)
            _ = DemoBroker.reap(pid, within: 2)
        }
    }

    var logTail: String {
        let text = (try? String(contentsOf: folder.appendingPathComponent("mosquitto.log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(10).joined(separator: "\n")
    }

    /// A program of the system: on PATH, or in /usr/sbin (where Debian puts mosquitto).
    static func tool(_ name: String) throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/bin", "/usr/local/sbin"]
        for folder in folders where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: folder).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw DemoError("\(name) is not installed (Debian package 'mosquitto'; 'make deps' installs it)")
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
        guard exitStatus(process, within: 10) == 0 else {
            throw DemoError("\(tool.lastPathComponent) \(arguments.joined(separator: " ")) failed")
        }
    }

    /// The child's exit status, or nil when it did not exit in time. Reaped with `waitpid` here, or, when
    /// Foundation's own monitor reaped it first, read from the `Process` once it knows (reading
    /// `terminationStatus` before that traps).
    private static func exitStatus(_ process: Process, within seconds: Double) -> Int32? {
        var status: Int32 = 0
        for _ in 0..<Int(seconds * 100) {
            let result = waitpid(process.processIdentifier, &status, WNOHANG)
            if result == process.processIdentifier {
                return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            }
            if result == -1, !process.isRunning { return process.terminationStatus }
            usleep(10_000)
        }
        return nil
    }

    /// Waits with `waitpid` for the child to exit: Foundation's `waitUntilExit()` needs a run loop.
    private static func reap(_ pid: pid_t, within seconds: Double) -> Bool {
        var status: Int32 = 0
        for _ in 0..<Int(seconds * 100) {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid || (result == -1 && kill(pid, 0) != 0) { return true }
            usleep(10_000)
        }
        return false
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return address
    }

    /// A port the kernel hands out for loopback right now.
    private static func freePort() throws -> Int {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw DemoError("cannot open a socket to find a free port") }
        defer { close(socketFD) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let found = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socketFD, $0, length) == 0 && getsockname(socketFD, $0, &length) == 0
            }
        }
        guard found else { throw DemoError("no free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func accepts(port: Int) -> Bool {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { return false }
        defer { close(socketFD) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}

/// Why the demo could not go on.
struct DemoError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
