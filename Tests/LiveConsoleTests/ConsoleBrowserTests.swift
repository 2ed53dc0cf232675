import Foundation
import StrictJSON
import Testing

/// The console in a real browser during a live run, driven over the DevTools protocol: what a person sees, and
/// what two operators do with the page's own buttons. In CI a missing browser fails the suite; elsewhere it is
/// skipped, saying why.
@Suite(
    "Live console: in headless Chromium", .serialized,
    .enabled(
        if: HeadlessChromium.find() != nil || HeadlessChromium.required,
        "chromium is not installed (make deps installs it): the browser tests are skipped outside CI"))
struct ConsoleBrowserTests {
    @Test("drones, a breach marker and a suspended stream on the map; two operators release it with the page's buttons")
    func twoOperatorsRelease() async throws {
        let browser = try await HeadlessChromium.require().launch()
        defer { browser.close() }
        let harness = try await ConsoleHarness.start(drones: ["D1", "D2"])
        let client = ConsoleClient(base: harness.base)
        for seq in 1...3 {
            try await harness.publish("fleet/D1/telemetry", ConsoleSite.fix(drone: "D1", seq: seq))
            try await harness.publish(
                "fleet/D2/telemetry", ConsoleSite.fix(drone: "D2", seq: seq, latitude: 52.5150))
        }
        _ = try await client.snapshot { ($0["drones"]?.arrayValue?.count ?? 0) == 2 }
        let alice = try await browser.newTab()
        let bob = try await browser.newTab()
        try await alice.open(harness.base + "/")
        try await bob.open(harness.base + "/")
        try await alice.waitUntil(#"document.querySelectorAll("[data-drone]").length === 2"#, "both drones on the map")
        let calm = try await alice.html()
        #expect(calm.contains(#"data-zone="OA-1""#))
        #expect(calm.contains(#"data-zone="NF-1""#))
        #expect(calm.contains(#"class="scale""#), "a scale bar on the plain background")
        #expect(!calm.contains("data-breach="), "no breach yet")
        #expect(!calm.contains("data-tile="), "no tiles unless configured")
        let elsewhere = try await alice.evaluate(
            "performance.getEntriesByType('resource').map((e) => e.name).filter((n) => !n.startsWith(\(BrowserTab.literal(harness.base))))"
        )
        #expect(elsewhere.arrayValue?.isEmpty == true, "the page asked nothing of any other server: \(elsewhere)")
        try await alice.screenshot(to: HeadlessChromium.artifacts.appendingPathComponent("console-calm.png"))

        // A scripted breach (D2 climbs out of the band) and a face crop on D1's cam2.
        try await harness.publish(
            "fleet/D2/telemetry", ConsoleSite.fix(drone: "D2", seq: 4, alt: 200, latitude: 52.5150))
        try await harness.publish(
            "fleet/D1/payload/cam2", ConsoleSite.payload(drone: "D1", stream: "cam2", seq: 1, product: "face_crop"))
        let suspension = #"[data-suspension="D1/cam2"]"#
        try await bob.waitUntil(#"document.querySelector('[data-breach="D2"]')"#, "the breach marker on D2")
        try await bob.waitUntil("document.querySelector('\(suspension)')", "the suspended stream listed")
        let alarmed = try await bob.html()
        #expect(alarmed.contains(#"data-suspended="D1""#), "the suspension marked on the map")
        #expect(alarmed.contains("identification_product"))
        #expect(alarmed.contains(#"data-event="breach_started""#))
        #expect(
            try await bob.evaluate("document.querySelector('\(suspension) button') === null") == .bool(true),
            "no release button before a login")
        try await bob.screenshot(to: HeadlessChromium.artifacts.appendingPathComponent("console-breach-suspended.png"))

        try await logIn(alice, as: "alice")
        try await logIn(bob, as: "bob")

        // Alice approves with the page's button: one approval is not enough, and she cannot be the second.
        try await alice.type("false positive, checked on site", into: "\(suspension) textarea")
        try await alice.click("\(suspension) button")
        try await alice.waitUntil(
            "document.getElementById('message').textContent === 'awaiting_second: D1/cam2'", "alice's approval taken")
        let waitingLine = "approved by alice; a second operator must approve"
        try await bob.waitUntil(
            "document.querySelector('\(suspension) .approval')?.textContent === '\(waitingLine)'",
            "bob's page shows alice's approval")
        try await alice.type("approving twice on my own", into: "\(suspension) textarea")
        try await alice.click("\(suspension) button")
        try await alice.waitUntil(
            "document.getElementById('message').textContent.includes('already approved')",
            "alice's second approval refused")
        let refusal = try await alice.text("#message") ?? ""
        #expect(!refusal.hasPrefix("released"), "one operator twice is not two: \(refusal)")
        #expect(
            try await alice.evaluate("document.querySelector('\(suspension)') !== null") == .bool(true),
            "the stream is still suspended")
        #expect(try await client.snapshot()["suspended"]?.arrayValue?.count == 1)
        try await bob.screenshot(to: HeadlessChromium.artifacts.appendingPathComponent("console-one-approval.png"))

        // Bob's click, with his reason, is the second: the suspension is gone from both pages.
        #expect(try await bob.text("\(suspension) button") == "Approve release (second operator)")
        try await bob.type("agreed, the crop was mislabelled", into: "\(suspension) textarea")
        try await bob.click("\(suspension) button")
        try await bob.waitUntil(
            "document.getElementById('message').textContent === 'released: D1/cam2'", "bob's approval released it")
        for page in [alice, bob] {
            try await page.waitUntil("document.querySelector('\(suspension)') === null", "the suspension cleared")
            try await page.waitUntil(
                #"document.querySelector('[data-event="stream_released"]')"#, "the release in the event feed")
        }
        let released = try await alice.html()
        #expect(released.contains("flowgate-console:alice+bob"), "the release names both operators")
        #expect(try await client.snapshot()["suspended"]?.arrayValue?.isEmpty == true)
        try await alice.screenshot(to: HeadlessChromium.artifacts.appendingPathComponent("console-released.png"))
        try await harness.stop()
    }

    private func logIn(_ tab: BrowserTab, as name: String) async throws {
        try await tab.type(name, into: "#login-operator")
        try await tab.type(ConsoleHarness.passwords[name]!, into: "#login-password")
        try await tab.click(#"#login button[type="submit"]"#)
        try await tab.waitUntil(
            "document.getElementById('operator-name').textContent === '\(name)'", "\(name) logged in")
        try await tab.waitUntil(#"document.querySelector('[data-suspension="D1/cam2"] button')"#, "the release button")
    }
}
