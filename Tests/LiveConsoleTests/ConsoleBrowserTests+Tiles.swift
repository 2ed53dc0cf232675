import Foundation
import Gateway
import Geo
import StrictJSON
import Testing

/// Map tiles from the configured tile server, in the browser (in the serialized browser suite: one Chromium at a time).
extension ConsoleBrowserTests {
    @Test("with tile_url, the map fetches the tiles under the zones once each, from that server only")
    func tilesFromTheConfiguredServer() async throws {
        let browser = try await HeadlessChromium.require().launch()
        defer { browser.close() }
        let tiles = try await TileServer.start()
        defer { tiles.stop() }
        let source = try TileSource(template: tiles.template)
        let harness = try await ConsoleHarness.start { $0.tiles = source }
        try await harness.publish("fleet/D1/telemetry", ConsoleSite.fix(drone: "D1", seq: 1))
        let page = try await browser.newTab()
        try await page.open(harness.base + "/")
        try await page.waitUntil(#"document.querySelector("[data-drone]")"#, "the drone on the map")
        try await page.waitUntil(
            ##"Array.from(document.querySelectorAll("#map-tiles image")).every((i) => i.getBBox().width > 0)"##
                + ##" && document.querySelectorAll("#map-tiles image").length > 0"##,
            "tiles on the map")
        let drawn =
            try await page.evaluate(
                ##"Array.from(document.querySelectorAll("#map-tiles image")).map((i) => i.dataset.tile)"##
            ).arrayValue?.compactMap(\.stringValue) ?? []
        try await waitUntil("every tile drawn was fetched") { Set(tiles.requested) == Set(drawn) }

        // The tile under the operation area's middle is where the page drew the zone: the page's Web Mercator
        // matches the tile grid's.
        let zoom = try #require(drawn.first.flatMap { Int($0.split(separator: "/")[0]) })
        let (x, y) = Self.tile(
            latitude: ConsoleSite.centre.latitude, longitude: ConsoleSite.centre.longitude, zoom: zoom)
        #expect((12...19).contains(zoom), "a zoom fit for a site a kilometre across: \(zoom)")
        let inside = try await page.evaluate(
            """
            (() => { const t = document.querySelector('[data-tile="\(zoom)/\(x)/\(y)"]'); if (!t) return "no tile";
              const z = document.querySelector('[data-zone="OA-1"]').getBBox(), c = [z.x + z.width / 2, z.y + z.height / 2];
              const b = t.getBBox();
              return c[0] >= b.x && c[0] <= b.x + b.width && c[1] >= b.y && c[1] <= b.y + b.height; })()
            """)
        #expect(inside == .bool(true), "the zone's middle lies on tile \(zoom)/\(x)/\(y): \(inside)")

        // Snapshots keep coming (the clock moves on twice); the tiles are not fetched again.
        let fetched = tiles.requested.count
        for _ in 0..<2 {
            let clock = try await page.text("#clock") ?? ""
            try await page.waitUntil(
                "document.getElementById('clock').textContent !== \(BrowserTab.literal(clock))", "the clock moves")
        }
        #expect(tiles.requested.count == fetched, "tiles fetched again: \(tiles.requested)")
        #expect(try await page.text("#tile-credit") == "map tiles: 127.0.0.1:\(tiles.port)")
        try await page.screenshot(to: HeadlessChromium.artifacts.appendingPathComponent("console-tiles.png"))
        try await harness.stop()
    }

    /// The Web Mercator ("slippy map") tile holding a point.
    static func tile(latitude: Double, longitude: Double, zoom: Int) -> (x: Int, y: Int) {
        let count = Double(1 << zoom)
        let sine = sin(latitude * .pi / 180)
        let y = 0.5 - log((1 + sine) / (1 - sine)) / (4 * .pi)
        return (Int(((longitude + 180) / 360 * count).rounded(.down)), Int((y * count).rounded(.down)))
    }

    private func waitUntil(_ what: String, _ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + BrowserTab.patience
        while !condition() {
            guard ContinuousClock.now < deadline else { throw HarnessError("not within a minute: \(what)") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
