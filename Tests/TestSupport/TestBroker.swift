public import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A real mosquitto broker for one test: its own configuration, persistence folder and free loopback port.
public final class TestBroker: @unchecked Sendable {
    public let port: Int
    public let folder: URL
    private var process: Process?

    /// - Parameter extraConfiguration: lines added to mosquitto.conf (ACLs, password file, ...).
    public init(extraConfiguration: String = "allow_anonymous true", port: Int? = nil) throws {
        self.port = try port ?? TestBroker.freePort()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-broker-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Run as whoever runs the tests: a broker started by root would otherwise switch to the 'mosquitto'
        // user and could not write its log and persistence into this folder.
        let user = getpwuid(getuid()).map { String(cString: $0.pointee.pw_name) } ?? "root"
        let configuration = """
            user \(user)
            listener \(self.port) 127.0.0.1
            persistence true
            persistence_location \(folder.path)/
            autosave_interval 1
            log_dest file \(folder.path)/mosquitto.log
            \(extraConfiguration)

            """
        try configuration.write(to: folder.appendingPathComponent("mosquitto.conf"), atomically: true, encoding: .utf8)
        try start()
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: folder)
    }

    public static var executable: String? {
        let candidates = ["/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public func start() throws {
        guard let executable = TestBroker.executable else {
            throw BrokerError("mosquitto is not installed (Debian package 'mosquitto'; run scripts/install-deps.sh)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-c", folder.appendingPathComponent("mosquitto.conf").path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        // Ready when the port accepts connections.
        for _ in 0..<100 {
            if TestBroker.accepts(port: port) { return }
            usleep(50_000)
        }
        throw BrokerError("mosquitto did not start listening on port \(port): \(log)")
    }

    /// Stops the broker. `graceful` lets it save its persistence (SIGTERM; mosquitto takes a second or two);
    /// otherwise it is killed at once, which is all a test's teardown needs. Waits with `waitpid` rather
    /// than Foundation's `waitUntilExit()`, which on Linux depends on a run loop test threads do not run.
    public func stop(graceful: Bool = false) {
        guard let process else { return }
        self.process = nil
        let pid = process.processIdentifier
        if graceful {
            kill(pid, SIGTERM)
            if TestBroker.reap(pid, within: 10) { return }
        }
        kill(pid, SIGKILL)
        _ = TestBroker.reap(pid, within: 5)
    }

    /// Freezes the broker (SIGSTOP): connections stay open but nothing is answered, as with a broker that cannot
    /// keep up. ``resume()`` lets it go on.
    public func pause() {
        if let process { kill(process.processIdentifier, SIGSTOP) }
    }

    public func resume() {
        if let process { kill(process.processIdentifier, SIGCONT) }
    }

    /// Whether the child exited within `seconds` (or was already reaped).
    private static func reap(_ pid: pid_t, within seconds: Double) -> Bool {
        var status: Int32 = 0
        for _ in 0..<Int(seconds * 100) {
            let result = waitpid(pid, &status, WNOHANG)
            // Reaped here, or already reaped by Foundation: either way the process is gone.
            if result == pid || (result == -1 && kill(pid, 0) != 0) { return true }
            usleep(10_000)
        }
        return false
    }

    public var log: String {
        (try? String(contentsOf: folder.appendingPathComponent("mosquitto.log"), encoding: .utf8)) ?? ""
    }

    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw BrokerError("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw BrokerError("could not find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    public static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}

public struct BrokerError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
