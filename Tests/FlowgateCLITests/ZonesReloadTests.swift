import Foundation
import MQTT
import StrictJSON
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `flowgate run` with a real broker, its bundle changed while a drone flies: reloaded by `flowgate zones
/// reload` and by SIGHUP, refused when broken, and recorded either way.
@Suite("Reloading the bundle of a running gateway", .serialized)
struct ZonesReloadTests {
    /// Inside the demo's route corridor, 75 m above ground: compliant under the demo bundle.
    static let position = #""position":{"lat":52.5152,"lon":13.36,"alt_m":75,"alt_ref":"AGL"}"#
    /// A no-fly circle of 60 m around that position, as a rescue helicopter's landing site added at short notice.
    static let landingSite = """
        {"type": "Feature", "id": "nf-added-landing-site",
         "geometry": {"type": "Point", "coordinates": [13.36, 52.5152]},
         "properties": {"id": "nf-added-landing-site", "kind": "no_fly", "name": "Landing site added in flight",
                        "radius_m": 60}},
        """

    /// The demo bundle with its authorisation and its zones' windows moved around now, so that the test does not
    /// depend on the date.
    static func current(_ bundle: TemporaryBundle) throws {
        let now = Date()
        for file in ["authorisations.json", "zones.geojson"] {
            for (old, offset) in [
                ("2026-11-28T08:00:00Z", -3600.0), ("2026-11-28T09:00:00Z", -3000), ("2026-11-28T19:00:00Z", 3000),
                ("2026-11-28T20:00:00Z", 3600),
            ] where try bundle.read(file).contains(old) {
                try bundle.replace(in: file, old, with: RFC3339Text.format(now.addingTimeInterval(offset)))
            }
        }
    }

    static func configuration(bundle: TemporaryBundle, port: Int, metricsPort: Int) throws -> URL {
        let file = bundle.root.appendingPathComponent("flowgate.yaml")
        try """
        bundle: \(bundle.path)
        ingress: {host: 127.0.0.1, port: \(port), client_id: flowgate-reload-test}
        egress: {host: 127.0.0.1, port: \(port), client_id: flowgate-reload-test-egress}
        metrics: {port: \(metricsPort)}
        audit:
          path: \(bundle.root.appendingPathComponent("record.sqlite").path)
          batch_window_ms: 20
          checkpoint: none
        """.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test("a no-fly zone added and reloaded blocks the next fix; a broken bundle is refused and the old one stays")
    func reloadWhileFlying() async throws {
        try await TemporaryBundle.withDemoCopy { bundle in
            try Self.current(bundle)
            let broker = try TestBroker()
            let config = try Self.configuration(
                bundle: bundle, port: broker.port, metricsPort: try TestBroker.freePort())
            let watcher = try MQTTClient(options: MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "watch"))
            try await watcher.connect()
            for topic in ["flowgate/status", "compliant/D1/telemetry", "flowgate/gateway/events"] {
                try await watcher.subscribe(topic, qos: 1)
            }
            let gateway = try await GatewayProcess.start(config: config, watcher: watcher)
            defer { kill(gateway.processIdentifier, SIGKILL) }
            let drone = try MQTTClient(options: MQTTOptions(host: "127.0.0.1", port: broker.port, clientID: "D1"))
            try await drone.connect()
            var seq = 0
            var lastBreach: String?
            /// Sends the next fix and returns the state the gateway forwarded it with.
            func fly() async throws -> String? {
                seq += 1
                let fix =
                    #"{"v":1,"drone":"D1","mission":"M-0412","seq":\#(seq),"time":"\#(RFC3339Text.format(Date()))",\#(Self.position)}"#
                try drone.send(MQTTMessage(topic: "fleet/D1/telemetry", payload: Array(fix.utf8), qos: 1))
                let expected = Double(seq)
                let forwarded = await Self.first(from: watcher) { message in
                    message.topic == "compliant/D1/telemetry"
                        && (try? JSONParser.parse(message.payload).objectValue?["seq"]?.doubleValue) == expected
                }
                let object = try forwarded.flatMap { try JSONParser.parse($0.payload).objectValue }
                let state = object?["compliance"]?.objectValue?["state"]?.stringValue
                if state == "breach" { lastBreach = object.map { JSONWriter.write(.object($0)) } }
                return state
            }
            func gatewayEvent() async throws -> JSONObject? {
                let event = await Self.first(from: watcher) { $0.topic == "flowgate/gateway/events" }
                return try event.flatMap { try JSONParser.parse($0.payload).objectValue }
            }

            // Near the corridor's edge: a warning at most, never a breach.
            let before = try await fly()
            #expect(before == "compliant" || before == "warning", "\(lastBreach ?? "")")

            // The landing site is added and reloaded by command: the very next fix is in breach.
            try bundle.replace(in: "zones.geojson", #""features": ["#, with: #""features": ["# + Self.landingSite)
            let reload = try await FlowgateProcess.run(["zones", "reload", "--config", config.path])
            #expect(reload.status == 0, "\(reload.stderr)")
            #expect(reload.stdout.contains("reloaded: 8 zones in force from the next message"), "\(reload.stdout)")
            #expect(try await gatewayEvent()?["event"]?.stringValue == "bundle_reloaded")
            #expect(try await fly() == "breach")

            // A broken bundle, by SIGHUP and by command: refused, the old one (with the landing site) stays.
            let intact = try bundle.read("zones.geojson")
            try bundle.replace(in: "zones.geojson", #""radius_m": 60"#, with: #""radius_m": -60"#)
            kill(gateway.processIdentifier, SIGHUP)
            let refused = try await gatewayEvent()
            #expect(refused?["event"]?.stringValue == "bundle_reload_refused")
            #expect(refused?["trigger"]?.stringValue == "sighup")
            #expect(
                refused?["problems"]?.arrayValue?.first?.stringValue?.contains("zones.geojson") == true,
                "\(String(describing: refused))")
            let byCommand = try await FlowgateProcess.run(["zones", "reload", "--config", config.path])
            #expect(byCommand.status == 1)
            #expect(byCommand.stderr.contains("refused: the bundle in force stays"), "\(byCommand.stderr)")
            #expect(byCommand.stderr.contains("radius_m"), "\(byCommand.stderr)")
            _ = try await gatewayEvent()
            #expect(try await fly() == "breach", "the old bundle, with the landing site, is still in force")

            // The landing site lifted, by SIGHUP: compliant again from the next fix.
            try bundle.write("zones.geojson", intact)
            try bundle.replace(in: "zones.geojson", Self.landingSite, with: "")
            kill(gateway.processIdentifier, SIGHUP)
            let applied = try await gatewayEvent()
            #expect(applied?["event"]?.stringValue == "bundle_reloaded")
            #expect(applied?["zones"]?.doubleValue == 7)
            #expect(try await fly() == before)

            kill(gateway.processIdentifier, SIGTERM)
            #expect(ChildProcess.exitStatus(gateway, within: 20) == 0, "graceful stop exits 0 (SIGHUP did not kill it)")
            // Recorded like a start: three configuration loads and the refusals, in a record that verifies.
            let record = bundle.root.appendingPathComponent("record.sqlite").path
            let verify = try await FlowgateProcess.run(["audit", "verify", record])
            #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
            let timeline = try await FlowgateProcess.run(["review", "timeline", record, "--json"])
            let loads = timeline.stdoutLines.filter { $0.contains(#""config_load""#) }
            #expect(loads.count == 3, "\(loads)")
            #expect(loads.filter { $0.contains(#""reload":"command""#) }.count == 1, "\(loads)")
            #expect(loads.filter { $0.contains(#""reload":"sighup""#) }.count == 1, "\(loads)")
            #expect(timeline.stdoutLines.filter { $0.contains("bundle_reload_refused") }.count == 2)
            drone.disconnect()
            watcher.disconnect()
        }
    }

    /// The first message that matches, or `nil` after `seconds`: a gateway that never answers fails the test
    /// instead of hanging it.
    static func first(
        from client: MQTTClient, within seconds: Double = 30, where matches: @escaping @Sendable (MQTTMessage) -> Bool
    ) async -> MQTTMessage? {
        await withTaskGroup(of: MQTTMessage?.self) { group in
            group.addTask {
                for await message in client.messages where matches(message) { return message }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(seconds))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    @Test("without a gateway listening, zones reload exits 2 naming the port")
    func nobodyListening() async throws {
        let port = try TestBroker.freePort()
        let result = try await FlowgateProcess.run(["zones", "reload", "--port", "\(port)"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no gateway answered on 127.0.0.1:\(port)"), "\(result.stderr)")
    }
}

/// RFC 3339 in UTC with milliseconds, as drones send it.
enum RFC3339Text {
    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
