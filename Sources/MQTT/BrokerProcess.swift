public import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The system's mosquitto run as a child process on a loopback port, for the demo, the tests and the benchmarks:
/// started with a configuration file, ready once the port accepts connections, and reaped when stopped.
public final class BrokerProcess: Sendable {
    public let port: Int
    private let process: Process
    private let stopped = Mutex(false)

    public var pid: Int32 { process.processIdentifier }

    /// Starts `executable -c configurationFile` and waits until `port` on 127.0.0.1 accepts connections.
    /// - Parameters:
    ///   - executable: mosquitto; by default the one ``executable(named:)`` finds.
    ///   - port: the port the configuration's listener uses.
    ///   - seconds: how long the broker has to start listening.
    /// - Throws: ``BrokerProcessError`` when mosquitto is missing or does not listen in time (it is then
    ///   killed and reaped), or Foundation's error when it cannot be started.
    public init(
        executable: URL? = nil, configurationFile: URL, port: Int, readyWithin seconds: Double = 5
    ) throws {
        self.port = port
        process = Process()
        process.executableURL = try executable ?? BrokerProcess.executable(named: "mosquitto")
        process.arguments = ["-c", configurationFile.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try ChildProcess.runWithSignalsUnblocked(process)
        for _ in 0..<Int(seconds * 20) {
            // A broker that exited could not bind the port: another process took it since it was found free (two
            // launches at once can be handed the same one). Whatever listens there then is not this broker.
            guard process.isRunning else {
                stop()
                throw BrokerProcessError.portTaken(port)
            }
            if BrokerProcess.accepts(port: port) {
                // Something listens: this broker, or one that took the port first, in which case this one exits
                // as soon as its bind fails.
                usleep(150_000)
                guard process.isRunning else {
                    stop()
                    throw BrokerProcessError.portTaken(port)
                }
                return
            }
            usleep(50_000)
        }
        stop()
        throw BrokerProcessError(
            "mosquitto did not listen on 127.0.0.1:\(port) within \(Int(seconds)) s")
    }

    /// The configuration of a private broker on 127.0.0.1 whose files (persistence, saved every second, and log)
    /// live in `folder`: the tests' and the gateway benchmark's.
    /// - Parameter extra: lines added at the end (ACLs, password file, queue limits, ...).
    public static func localConfiguration(port: Int, folder: URL, extra: String) -> String {
        """
        user \(BrokerProcess.userName)
        listener \(port) 127.0.0.1
        persistence true
        persistence_location \(folder.path)/
        autosave_interval 1
        log_dest file \(folder.path)/mosquitto.log
        \(extra)

        """
    }

    /// Starts a broker on a free port, and on another one when the port was taken between finding it free and the
    /// broker binding it (another launch at the same moment).
    /// - Parameter configuration: writes the configuration for a port and returns its file.
    public static func onFreePort(
        executable: URL? = nil, attempts: Int = 5, readyWithin seconds: Double = 5,
        configuration: (Int) throws -> URL
    ) throws -> BrokerProcess {
        for attempt in 1...attempts {
            let port = try freePort()
            do {
                return try BrokerProcess(
                    executable: executable, configurationFile: try configuration(port), port: port,
                    readyWithin: seconds)
            } catch let error as BrokerProcessError where error.isPortTaken && attempt < attempts {
                continue
            }
        }
        throw BrokerProcessError("no free loopback port stayed free for mosquitto in \(attempts) attempts")
    }

    deinit { stop() }

    /// Stops the broker and reaps it; safe to call more than once and from any task.
    /// - Parameter grace: with a value, SIGTERM first (mosquitto then saves its persistence) and SIGKILL only
    ///   if it has not exited within that many seconds; without, SIGKILL at once.
    public func stop(grace: Double? = nil) {
        let first = stopped.withLock { stopped in
            defer { stopped = true }
            return !stopped
        }
        guard first, pid > 0 else { return }
        if let grace {
            kill(pid, SIGTERM)
            if ChildProcess.reap(pid, within: grace) { return }
        }
        kill(pid, SIGKILL)
        _ = ChildProcess.reap(pid, within: 5)
    }

    /// Sends `signal` to the broker: SIGSTOP freezes it (connections stay open, nothing is answered),
    /// SIGCONT lets it go on.
    public func send(_ signal: Int32) {
        guard !stopped.withLock({ $0 }) else { return }
        kill(pid, signal)
    }

    // MARK: - What starting a broker needs

    /// A program of the system: on PATH, or in /usr/sbin (where Debian puts mosquitto).
    /// - Throws: ``BrokerProcessError`` naming the Debian package when it is not installed.
    public static func executable(named name: String) throws(BrokerProcessError) -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/bin", "/usr/local/sbin"]
        for folder in folders where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: folder).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw BrokerProcessError("\(name) is not installed (Debian package 'mosquitto'; 'make deps' installs it)")
    }

    /// The name of the user running this process: for mosquitto's `user` setting, since a broker started by
    /// root would otherwise switch to the 'mosquitto' user and could not write into its folder.
    public static var userName: String {
        getpwuid(getuid()).map { String(cString: $0.pointee.pw_name) } ?? "root"
    }

    /// A port the kernel hands out for loopback right now.
    public static func freePort() throws(BrokerProcessError) -> Int {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw BrokerProcessError("cannot open a socket to find a free port") }
        defer { close(socketFD) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let found = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socketFD, $0, length) == 0 && getsockname(socketFD, $0, &length) == 0
            }
        }
        guard found else { throw BrokerProcessError("no free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether something accepts TCP connections on `port` of 127.0.0.1.
    public static func accepts(port: Int) -> Bool {
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

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return address
    }
}

/// Why a broker could not be started.
public struct BrokerProcessError: Error, CustomStringConvertible {
    public let description: String
    /// The broker exited at start: its port was taken.
    public let isPortTaken: Bool

    public init(_ description: String) {
        self.description = description
        isPortTaken = false
    }

    private init(description: String, isPortTaken: Bool) {
        self.description = description
        self.isPortTaken = isPortTaken
    }

    static func portTaken(_ port: Int) -> BrokerProcessError {
        BrokerProcessError(
            description: "mosquitto exited at start: 127.0.0.1:\(port) was taken by another process", isPortTaken: true)
    }
}
