import Compliance
import Foundation
import Gateway
import StrictJSON
import Testing

/// What viewers see, and what they cannot do to the gateway.
@Suite("Live console: viewers", .serialized)
struct ConsoleViewerTests {
    @Test("the snapshot shows zones by kind and activity, each drone's position, heading, trail and a breach")
    func snapshotShowsDrones() async throws {
        let harness = try await ConsoleHarness.start()
        let viewer = ConsoleClient(base: harness.base)
        let zones = try await viewer.send("GET", "/api/zones")
        let kinds = zones.json["zones"]?.arrayValue?.compactMap { $0["kind"]?.stringValue }.sorted()
        #expect(kinds == ["no_fly", "operation_area"])
        // In one place: fixes published milliseconds apart from different places would be an implausible speed.
        for seq in 1...3 { try await harness.publish("fleet/D1/telemetry", ConsoleSite.fix(drone: "D1", seq: seq)) }
        try await harness.publish("fleet/D1/telemetry", ConsoleSite.fix(drone: "D1", seq: 4, alt: 200, track: 45))
        let snapshot = try await viewer.snapshot { $0["drones"]?.arrayValue?.first?["trail"]?.arrayValue?.count == 4 }
        let drone = try #require(snapshot["drones"]?.arrayValue?.first)
        #expect(drone["id"] == "D1")
        #expect(drone["state"] == "breach")
        #expect(drone["heading_deg"]?.doubleValue == 45)
        #expect(drone["trail"]?.arrayValue?.count == 4)
        #expect(drone["position"]?.arrayValue?.count == 2)
        #expect(drone["authorisation"]?["id"] == "AUTH-1")
        #expect(drone["reasons"]?.arrayValue?.contains("above_ceiling") == true)
        #expect(snapshot["zones_active"]?["OA-1"] == .bool(true))
        let feed = snapshot["feed"]?.arrayValue ?? []
        #expect(feed.contains { $0["event"] == "breach_started" && $0["drone"] == "D1" })
        let forwarded = (snapshot["timeline"]?.arrayValue ?? []).reduce(0) { $0 + ($1["forwarded"]?.doubleValue ?? 0) }
        #expect(forwarded == 4, "a breach is forwarded flagged by default")
        try await harness.stop()
    }

    @Test("a viewer that never reads does not hold up the gateway, nor the other viewers")
    func stalledViewer() async throws {
        // Forty drones with full trails: each snapshot is tens of kilobytes, so a viewer that does not read is
        // behind within a second.
        let drones = (1...40).map { "D\($0)" }
        let harness = try await ConsoleHarness.start(drones: drones, interval: .milliseconds(20))
        let reader = ConsoleClient(base: harness.base)
        let stalled = try (0..<3).map { _ in try StalledViewer(port: harness.port) }
        let rounds = 50
        let started = ContinuousClock.now
        for seq in 1...rounds {
            for (index, drone) in drones.enumerated() {
                let latitude = 52.5130 + Double(seq) * 0.00005 + Double(index) * 0.0001
                try await harness.publish(
                    "fleet/\(drone)/telemetry", ConsoleSite.fix(drone: drone, seq: seq, latitude: latitude))
            }
        }
        let expected = rounds * drones.count
        var decided = 0
        for _ in 0..<1_200 {
            decided = await harness.gateway.counts.decided
            if decided >= expected { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        let elapsed = ContinuousClock.now - started
        #expect(decided == expected, "the gateway judged every message while three viewers never read")
        #expect(elapsed < .seconds(60))
        // A viewer that reads still gets the latest picture.
        let latest = try await reader.snapshot { ($0["decided"]?.doubleValue ?? 0) >= Double(expected) }
        #expect(latest["decided"]?.doubleValue == Double(expected))
        #expect(latest["drones"]?.arrayValue?.count == drones.count)
        let snapshotBytes = JSONWriter.bytes(.object(latest)).count
        #expect(snapshotBytes > 32 * 1024, "each snapshot carries forty drones with their trails")
        // Each stalled viewer took no more than its tiny buffer holds, far less than one snapshot: the rest
        // waited in the console or was dropped there, never in the gateway.
        let unread = stalled.map(\.unread)
        #expect(unread.allSatisfy { $0 > 0 && $0 < snapshotBytes }, "\(unread)")
        // And the shutdown does not wait for them.
        let stopping = ContinuousClock.now
        try await harness.stop()
        #expect(ContinuousClock.now - stopping < .seconds(20))
    }

    @Test("without tile_url the page names no tile server and loads images from itself only; with it, that origin")
    func tileTemplateOnThePage() async throws {
        let plain = try await ConsoleHarness.start()
        let untiled = try await ConsoleClient(base: plain.base).send("GET", "/")
        try await plain.stop()
        #expect(untiled.status == 200)
        #expect(!untiled.text.contains("data-tile-url"))
        #expect(untiled.contentSecurityPolicy?.contains("img-src 'self' data:;") == true, "\(untiled)")

        let source = try TileSource(template: "https://tiles.example/osm/{z}/{x}/{y}.png?key=k1&style=plain")
        let tiled = try await ConsoleHarness.start { $0.tiles = source }
        let page = try await ConsoleClient(base: tiled.base).send("GET", "/")
        try await tiled.stop()
        #expect(
            page.text.contains(#"data-tile-url="https://tiles.example/osm/{z}/{x}/{y}.png?key=k1&amp;style=plain""#))
        #expect(
            page.contentSecurityPolicy?.contains("img-src 'self' data: https://tiles.example;") == true,
            "\(String(describing: page.contentSecurityPolicy))")
        #expect(page.contentSecurityPolicy?.contains("connect-src 'self';") == true, "only images from the tile server")
    }
}
