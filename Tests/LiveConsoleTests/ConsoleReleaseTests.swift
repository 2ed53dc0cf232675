import Compliance
import Foundation
import MQTT
import StrictJSON
import Testing

/// The four-eyes release over HTTP, against a stream the gateway really suspended.
@Suite("Live console: four-eyes release", .serialized)
struct ConsoleReleaseTests {
    static let reasonA = "classifier false positive, checked on the monitor"
    static let reasonB = "agreed: the product was a crowd grid mislabelled"

    /// A drone whose stream cam2 sent a face crop: suspended, as the snapshot shows.
    static func suspend(_ harness: ConsoleHarness, viewer: ConsoleClient) async throws {
        try await harness.publish("fleet/D1/telemetry", ConsoleSite.fix(drone: "D1", seq: 1))
        try await harness.publish(
            "fleet/D1/payload/cam2", ConsoleSite.payload(drone: "D1", stream: "cam2", seq: 1, product: "face_crop"))
        let snapshot = try await viewer.snapshot { !($0["suspended"]?.arrayValue ?? []).isEmpty }
        let suspended = try #require(snapshot["suspended"]?.arrayValue?.first)
        #expect(suspended["drone"] == "D1")
        #expect(suspended["stream"] == "cam2")
        #expect(suspended["reasons"]?.arrayValue?.contains("identification_product") == true)
    }

    @Test("a state-changing request without the CSRF token, from another Origin or without one is refused")
    func csrfRefused() async throws {
        let harness = try await ConsoleHarness.start()
        let alice = ConsoleClient(base: harness.base)
        try await Self.suspend(harness, viewer: alice)
        try await alice.login("alice", ConsoleHarness.passwords["alice"]!)
        let body: JSONObject = ["drone": "D1", "stream": "cam2", "reason": .string(Self.reasonA)]
        let noToken = try await alice.send("POST", "/api/release", body, csrf: false)
        #expect(noToken.status == 403)
        #expect(noToken.json["error"]?.stringValue?.contains("X-CSRF-Token") == true)
        let foreign = try await alice.send("POST", "/api/release", body, origin: "http://evil.example")
        #expect(foreign.status == 403)
        let noOrigin = try await alice.send("POST", "/api/release", body, origin: .some(nil))
        #expect(noOrigin.status == 403)
        let crossSiteLogin = try await ConsoleClient(base: harness.base).send(
            "POST", "/api/login", ["operator": "bob", "password": .string(ConsoleHarness.passwords["bob"]!)],
            origin: "http://evil.example")
        #expect(crossSiteLogin.status == 403, "a login from another site is refused too")
        let snapshot = try await alice.snapshot()
        #expect(snapshot["suspended"]?.arrayValue?.count == 1, "nothing was released")
        #expect(snapshot["suspended"]?.arrayValue?.first?["approved_by"] == nil, "nor approved")
        try await harness.stop()
    }

    @Test("one operator approving twice is refused; a second operator's approval releases, recorded with both names")
    func fourEyes() async throws {
        let harness = try await ConsoleHarness.start()
        let alice = ConsoleClient(base: harness.base)
        let bob = ConsoleClient(base: harness.base)
        try await Self.suspend(harness, viewer: alice)
        try await alice.login("alice", ConsoleHarness.passwords["alice"]!)
        try await bob.login("bob", ConsoleHarness.passwords["bob"]!)

        let short = try await alice.release("D1", "cam2", reason: "ok")
        #expect(short.status == 409, "a reason is required")
        let first = try await alice.release("D1", "cam2", reason: Self.reasonA)
        #expect(first.status == 202)
        #expect(first.json["status"] == "awaiting_second")
        let again = try await alice.release("D1", "cam2", reason: Self.reasonA)
        #expect(again.status == 409)
        #expect(again.json["error"]?.stringValue?.contains("second, different operator") == true)
        let waiting = try await alice.snapshot { $0["suspended"]?.arrayValue?.first?["approved_by"] != nil }
        #expect(waiting["suspended"]?.arrayValue?.first?["approved_by"] == "alice")

        let second = try await bob.release("D1", "cam2", reason: Self.reasonB)
        #expect(second.status == 200, "\(second.json)")
        #expect(second.json["status"] == "released")
        #expect(second.json["by"] == "flowgate-console:alice+bob")
        let cleared = try await alice.snapshot { ($0["suspended"]?.arrayValue ?? []).isEmpty }
        #expect(cleared["suspended"]?.arrayValue?.isEmpty == true)
        // The consumers see the same stream_released event a control-topic order makes, naming both operators.
        let events = await collect(harness.consumer) { messages in
            messages.contains { String(decoding: $0.payload, as: UTF8.self).contains("stream_released") }
        }
        let released = try #require(
            events.compactMap { try? JSONParser.parse($0.payload).objectValue }.first {
                $0["event"] == "stream_released"
            })
        #expect(released["by"] == "flowgate-console:alice+bob")
        #expect(released["reason"]?.stringValue?.contains(Self.reasonA) == true)
        #expect(released["reason"]?.stringValue?.contains(Self.reasonB) == true)
        // After the release the stream passes again.
        try await harness.publish("fleet/D1/telemetry", ConsoleSite.fix(drone: "D1", seq: 2))
        try await harness.publish("fleet/D1/payload/cam2", ConsoleSite.payload(drone: "D1", stream: "cam2", seq: 2))
        let passed = await collect(harness.consumer) { $0.contains { $0.topic == "compliant/D1/payload/cam2" } }
        #expect(passed.contains { $0.topic == "compliant/D1/payload/cam2" })
        try await harness.stop()
    }
}

/// Messages on `client` until `done`, or 30 s.
func collect(_ client: MQTTClient, until done: @escaping @Sendable ([MQTTMessage]) -> Bool) async -> [MQTTMessage] {
    let collector = Task { () -> [MQTTMessage] in
        var received: [MQTTMessage] = []
        for await message in client.messages {
            received.append(message)
            if done(received) { break }
        }
        return received
    }
    let timer = Task {
        guard (try? await Task.sleep(for: .seconds(30))) != nil else { return }
        collector.cancel()
    }
    defer { timer.cancel() }
    return await collector.value
}
