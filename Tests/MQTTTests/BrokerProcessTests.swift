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
}
