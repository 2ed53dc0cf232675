public import Foundation
import MQTT
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A real mosquitto broker for one test: its own configuration, persistence folder and free loopback port.
/// Started, stopped and restarted through `BrokerProcess`, as the demo's broker is.
public final class TestBroker: Sendable {
    public let port: Int
    public let folder: URL
    private let process = Mutex<BrokerProcess?>(nil)

    /// - Parameter extraConfiguration: lines added to mosquitto.conf (ACLs, password file, ...).
    /// - Parameter port: the port to listen on; by default a free one (another if it is taken before the broker
    ///   binds it: tests start brokers in parallel).
    public init(extraConfiguration: String = "allow_anonymous true", port: Int? = nil) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "flowgate-broker-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let configurationFile = folder.appendingPathComponent("mosquitto.conf")
        func configure(_ port: Int) throws -> URL {
            let configuration = BrokerProcess.localConfiguration(port: port, folder: folder, extra: extraConfiguration)
            try configuration.write(to: configurationFile, atomically: true, encoding: .utf8)
            return configurationFile
        }
        self.folder = folder
        guard let port else {
            do {
                let started = try BrokerProcess.onFreePort(configuration: configure)
                self.port = started.port
                process.withLock { $0 = started }
            } catch let error as BrokerProcessError {
                throw BrokerError("\(error): \(TestBroker.log(in: folder))")
            }
            return
        }
        self.port = port
        _ = try configure(port)
        try start()
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: folder)
    }

    private var configurationFile: URL { folder.appendingPathComponent("mosquitto.conf") }

    /// Starts the broker (again, after ``stop(graceful:)``) on the same port with the same persistence.
    public func start() throws {
        do {
            let started = try BrokerProcess(configurationFile: configurationFile, port: port)
            process.withLock { $0 = started }
        } catch let error as BrokerProcessError {
            throw BrokerError("\(error): \(log)")
        }
    }

    /// Stops the broker. `graceful` lets it save its persistence (SIGTERM; mosquitto takes a second or two);
    /// otherwise it is killed at once, which is all a test's teardown needs.
    public func stop(graceful: Bool = false) {
        let running = process.withLock { process in
            defer { process = nil }
            return process
        }
        running?.stop(grace: graceful ? 10 : nil)
    }

    /// Freezes the broker (SIGSTOP): connections stay open but nothing is answered, as with a broker that cannot
    /// keep up. ``resume()`` lets it go on.
    public func pause() {
        process.withLock { $0 }?.send(SIGSTOP)
    }

    public func resume() {
        process.withLock { $0 }?.send(SIGCONT)
    }

    public var log: String { TestBroker.log(in: folder) }

    static func log(in folder: URL) -> String {
        (try? String(contentsOf: folder.appendingPathComponent("mosquitto.log"), encoding: .utf8)) ?? ""
    }

    public static func freePort() throws -> Int {
        try BrokerProcess.freePort()
    }
}

public struct BrokerError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
