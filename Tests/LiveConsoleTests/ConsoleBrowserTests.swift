import Foundation
import StrictJSON
import Testing

/// The console in a real browser during a live run: what a person would see on the page.
@Suite("Live console: in headless Chromium", .serialized, .enabled(if: HeadlessChromium.find() != nil))
struct ConsoleBrowserTests {
    @Test("drones on the map, a breach marker, a suspended stream, and a release only two operators clear")
    func whatAPersonSees() async throws {
        let browser = try #require(HeadlessChromium.find())
        let harness = try await ConsoleHarness.start(drones: ["D1", "D2"])
        let client = ConsoleClient(base: harness.base)
        for seq in 1...3 {
            try await harness.publish("fleet/D1/telemetry", ConsoleSite.fix(drone: "D1", seq: seq))
            try await harness.publish(
                "fleet/D2/telemetry", ConsoleSite.fix(drone: "D2", seq: seq, latitude: 52.5150))
        }
        _ = try await client.snapshot { ($0["drones"]?.arrayValue?.count ?? 0) == 2 }
        let calm = try browser.dumpDOM(harness.base + "/")
        #expect(calm.contains(#"data-drone="D1""#))
        #expect(calm.contains(#"data-drone="D2""#))
        #expect(calm.contains(#"data-zone="OA-1""#))
        #expect(calm.contains(#"data-zone="NF-1""#))
        #expect(calm.contains(#"class="scale""#), "a scale bar on the plain background")
        #expect(!calm.contains("data-breach="), "no breach yet")
        try browser.screenshot(
            harness.base + "/", to: HeadlessChromium.artifacts.appendingPathComponent("console-calm.png"))

        // A scripted breach (D2 climbs out of the band) and a face crop on D1's cam2.
        try await harness.publish(
            "fleet/D2/telemetry", ConsoleSite.fix(drone: "D2", seq: 4, alt: 200, latitude: 52.5150))
        try await harness.publish(
            "fleet/D1/payload/cam2", ConsoleSite.payload(drone: "D1", stream: "cam2", seq: 1, product: "face_crop"))
        _ = try await client.snapshot { !($0["suspended"]?.arrayValue ?? []).isEmpty }
        let alarmed = try browser.dumpDOM(harness.base + "/")
        #expect(alarmed.contains(#"data-breach="D2""#), "the breach marker on D2")
        #expect(alarmed.contains(#"data-suspension="D1/cam2""#), "the suspended stream is listed")
        #expect(alarmed.contains(#"data-suspended="D1""#), "and marked on the map")
        #expect(alarmed.contains("identification_product"))
        #expect(alarmed.contains(#"data-event="breach_started""#))
        try browser.screenshot(
            harness.base + "/", to: HeadlessChromium.artifacts.appendingPathComponent("console-breach-suspended.png"))

        // One operator's approval is not enough: the page says a second must approve, and the stream stays.
        let alice = ConsoleClient(base: harness.base)
        try await alice.login("alice", ConsoleHarness.passwords["alice"]!)
        #expect(try await alice.release("D1", "cam2", reason: "false positive, checked on site").status == 202)
        _ = try await client.snapshot { $0["suspended"]?.arrayValue?.first?["approved_by"] != nil }
        let half = try browser.dumpDOM(harness.base + "/")
        #expect(half.contains(#"data-suspension="D1/cam2""#))
        #expect(half.contains("approved by alice; a second operator must approve"))

        let bob = ConsoleClient(base: harness.base)
        try await bob.login("bob", ConsoleHarness.passwords["bob"]!)
        #expect(try await bob.release("D1", "cam2", reason: "agreed, the crop was mislabelled").status == 200)
        _ = try await client.snapshot { ($0["suspended"]?.arrayValue ?? []).isEmpty }
        let released = try browser.dumpDOM(harness.base + "/")
        #expect(!released.contains(#"data-suspension="D1/cam2""#), "the suspension is cleared")
        #expect(released.contains(#"data-event="stream_released""#))
        #expect(released.contains("flowgate-console:alice+bob"))
        try browser.screenshot(
            harness.base + "/", to: HeadlessChromium.artifacts.appendingPathComponent("console-released.png"))
        try await harness.stop()
    }
}
