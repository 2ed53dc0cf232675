public import Foundation
import MQTT
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A real three-node NATS cluster for one test, from the shipped node configurations (Deploy/nats/) with every
/// port moved to a free one and the data in a temporary folder: JetStream, MQTT on each node, the accounts given.
public final class TestNATSCluster: Sendable {
    /// Each node's MQTT port, node 1 first.
    public let mqttPorts: [Int]
    /// Each node's monitoring port (`/healthz`).
    public let monitoringPorts: [Int]
    public let folder: URL
    private let processes = Mutex<[Process?]>([nil, nil, nil])

    /// Starts the three nodes and waits until each answers MQTT (which needs the cluster's JetStream up).
    /// - Parameters:
    ///   - deploy: the folder of node1.conf, node2.conf and node3.conf.
    ///   - accounts: the text of accounts.conf, which every node includes.
    ///   - probe: an account of it that may connect, to tell when a node accepts MQTT sessions.
    public init(deploy: URL, accounts: String, probe: (username: String, password: String)) async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-nats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // The shipped ports: clients 4222-4224, routes 6222-6224, MQTT 1883-1885; each replaced everywhere.
        var replacements: [(shipped: String, local: String)] = []
        var mqtt: [Int] = []
        var monitoring: [Int] = []
        for node in 1...3 {
            let http = try BrokerProcess.freePort()
            monitoring.append(http)
            replacements.append(("127.0.0.1:\(8221 + node)", "127.0.0.1:\(http)"))
            for base in [4221, 6221] {
                replacements.append(("127.0.0.1:\(base + node)", "127.0.0.1:\(try BrokerProcess.freePort())"))
            }
            let port = try BrokerProcess.freePort()
            mqtt.append(port)
            replacements.append(("127.0.0.1:\(1882 + node)", "127.0.0.1:\(port)"))
            replacements.append(("\"./data/n\(node)\"", "\"\(folder.path)/data/n\(node)\""))
        }
        mqttPorts = mqtt
        monitoringPorts = monitoring
        try accounts.write(to: folder.appendingPathComponent("accounts.conf"), atomically: true, encoding: .utf8)
        for node in 1...3 {
            var text = try String(contentsOf: deploy.appendingPathComponent("node\(node).conf"), encoding: .utf8)
            text = Self.replacing(replacements, in: text)
            try text.write(to: configuration(node), atomically: true, encoding: .utf8)
        }
        for node in 1...3 { try start(node: node) }
        // Generous: when the whole test suite starts at once, its processes and threads can hold this one back for
        // over a minute (even pure tests then take 90 s to be scheduled).
        for node in 1...3 { try await waitForHealth(node: node, within: 180) }
        for node in 1...3 { try await waitForMQTT(node: node, within: 90, as: probe) }
    }

    /// Every occurrence of each `shipped` text by its `local` one, in one pass over the original text: one
    /// replacement after another would rewrite what an earlier one wrote (a free port 62223 would then have its
    /// "127.0.0.1:6222" replaced again).
    public static func replacing(_ replacements: [(shipped: String, local: String)], in text: String) -> String {
        var result = ""
        var rest = text[...]
        while !rest.isEmpty {
            // Longest first, so that no shipped text is taken for the start of a longer one.
            if let match = replacements.sorted(by: { $0.shipped.count > $1.shipped.count })
                .first(where: { rest.hasPrefix($0.shipped) })
            {
                result += match.local
                rest = rest.dropFirst(match.shipped.count)
            } else {
                result.append(rest.removeFirst())
            }
        }
        return result
    }

    deinit {
        for node in 1...3 { stop(node: node) }
        try? FileManager.default.removeItem(at: folder)
    }

    private func configuration(_ node: Int) -> URL { folder.appendingPathComponent("node\(node).conf") }

    /// The node's log (standard error of nats-server).
    public func log(node: Int) -> String {
        (try? String(contentsOf: folder.appendingPathComponent("node\(node).log"), encoding: .utf8)) ?? ""
    }

    /// Starts a node (again, after ``stop(node:)``) with its configuration and data.
    public func start(node: Int) throws {
        let logFile = folder.appendingPathComponent("node\(node).log")
        if !FileManager.default.fileExists(atPath: logFile.path) {
            _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        }
        let log = try FileHandle(forWritingTo: logFile)
        log.seekToEndOfFile()
        let process = Process()
        process.executableURL = try BrokerProcess.executable(named: "nats-server")
        process.arguments = ["-c", configuration(node).path]
        process.standardOutput = log
        process.standardError = log
        try ChildProcess.runWithSignalsUnblocked(process)
        processes.withLock { $0[node - 1] = process }
    }

    /// Kills a node at once (SIGKILL), as a crashed machine.
    public func stop(node: Int) {
        guard let process = processes.withLock({ $0[node - 1] }) else { return }
        processes.withLock { $0[node - 1] = nil }
        kill(process.processIdentifier, SIGKILL)
        _ = ChildProcess.reap(process.processIdentifier, within: 5)
    }

    /// Waits until the node's `/healthz` answers 200: the node is up and its JetStream current with the cluster.
    public func waitForHealth(node: Int, within seconds: Double) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        // A short timeout and no kept-alive connection: one request that hangs must not use up the wait.
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(monitoringPorts[node - 1])/healthz")!)
        request.timeoutInterval = 2
        request.setValue("close", forHTTPHeaderField: "Connection")
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        var last = "no answer"
        while ContinuousClock.now < deadline {
            if let (body, response) = try? await session.data(for: request),
                let status = (response as? HTTPURLResponse)?.statusCode
            {
                if status == 200 { return }
                last = "\(status) \(String(decoding: body, as: UTF8.self))"
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        throw BrokerError("NATS node \(node) was not healthy within \(seconds) s (\(last)): \(log(node: node))")
    }

    /// Waits until an MQTT client can connect to the node (NATS refuses MQTT sessions until JetStream is up).
    public func waitForMQTT(node: Int, within seconds: Double, as account: (username: String, password: String))
        async throws
    {
        let deadline = ContinuousClock.now + .seconds(seconds)
        var lastError = "no answer"
        while ContinuousClock.now < deadline {
            // A new client id each time: a connection NATS is still setting up holds its client id's session.
            var options = MQTTOptions(
                host: "127.0.0.1", port: mqttPorts[node - 1], clientID: "probe-n\(node)-\(UUID().uuidString.prefix(8))")
            // The first MQTT session of the account makes NATS create its replicated streams, which takes seconds
            // on a loaded machine: a probe that gives up sooner would never see it through.
            options.connectTimeout = 15
            options.username = account.username
            options.password = account.password
            let client = try MQTTClient(options: options)
            do {
                try await client.connect()
                client.disconnect()
                return
            } catch {
                client.disconnect()
                lastError = "\(error)"
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        throw BrokerError(
            "NATS node \(node) did not answer MQTT within \(seconds) s (\(lastError)): \(log(node: node))")
    }
}
