import Foundation
import MQTT
import TestSupport
import Testing

/// The one mosquitto launcher: a broker whose port another process took is not mistaken for a broker that
/// started (two launches at once can be handed the same free port).
@Suite struct BrokerProcessTests {
    @Test func aBrokerWhosePortIsTakenSaysSoInsteadOfPassingForReady() throws {
        let first = try TestBroker()
        defer { first.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-taken-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("mosquitto.conf")
        try "user \(BrokerProcess.userName)\nlistener \(first.port) 127.0.0.1\nallow_anonymous true\n"
            .write(to: file, atomically: true, encoding: .utf8)
        // The first broker answers on the port, but the second one is not ready: it exited.
        #expect(BrokerProcess.accepts(port: first.port))
        do {
            let second = try BrokerProcess(configurationFile: file, port: first.port)
            second.stop()
            Issue.record("a broker that could not bind its port passed for started")
        } catch let error as BrokerProcessError {
            #expect(error.isPortTaken, "\(error)")
        }
    }

    @Test func startsOnAFreePortItFindsItself() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-free-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var offered: [Int] = []
        let broker = try BrokerProcess.onFreePort { port in
            offered.append(port)
            let file = folder.appendingPathComponent("mosquitto.conf")
            try "user \(BrokerProcess.userName)\nlistener \(port) 127.0.0.1\nallow_anonymous true\n"
                .write(to: file, atomically: true, encoding: .utf8)
            return file
        }
        defer { broker.stop() }
        #expect(offered.last == broker.port)
        #expect(BrokerProcess.accepts(port: broker.port))
    }

    /// Started from a thread that blocks SIGTERM (as the gateway's and the demo's threads do), the broker still
    /// gets it: a graceful stop saves its sessions and ends it, instead of waiting out the grace and killing it.
    @Test func aGracefulStopReachesTheBrokerWhateverTheSpawningThreadBlocks() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-sigterm-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var blocked = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGTERM)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        let broker = try BrokerProcess.onFreePort { port in
            let file = folder.appendingPathComponent("mosquitto.conf")
            try BrokerProcess.localConfiguration(port: port, folder: folder, extra: "allow_anonymous true")
                .write(to: file, atomically: true, encoding: .utf8)
            return file
        }
        pthread_sigmask(SIG_SETMASK, &previous, nil)
        broker.stop(grace: 10)
        let log = (try? String(contentsOf: folder.appendingPathComponent("mosquitto.log"), encoding: .utf8)) ?? ""
        #expect(log.contains("terminating"), "mosquitto logs its exit only when SIGTERM reached it: \(log)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("mosquitto.db").path))
    }
}
