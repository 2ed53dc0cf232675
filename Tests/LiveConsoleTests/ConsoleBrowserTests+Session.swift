import Foundation
import Gateway
import StrictJSON
import Testing

/// A login that expires under an open page, in the browser (in the serialized browser suite).
extension ConsoleBrowserTests {
    @Test("where viewing needs a login, the page logs in with its form, and asks again when the session expires")
    func sessionExpiresInThePage() async throws {
        let browser = try await HeadlessChromium.require().launch()
        defer { browser.close() }
        let harness = try await ConsoleHarness.start {
            $0.viewingRequiresLogin = true
            $0.sessionLifetime = 4
        }
        try await harness.publish("fleet/D1/telemetry", ConsoleSite.fix(drone: "D1", seq: 1))
        let page = try await browser.newTab()
        try await page.open(harness.base + "/")
        try await page.waitUntil(
            "document.getElementById('message').textContent === 'log in to view'", "the page asks for a login")
        #expect(try await page.evaluate("document.querySelector('[data-drone]') === null") == .bool(true))
        try await page.type("alice", into: "#login-operator")
        try await page.type(ConsoleHarness.passwords["alice"]!, into: "#login-password")
        try await page.click(#"#login button[type="submit"]"#)
        // The map stays drawn after the stream ends, so this holds even on a machine too loaded to look in time.
        try await page.waitUntil(#"document.querySelector('[data-drone="D1"]')"#, "the map after the login")
        // Nothing is used for four seconds: the stream ends, and the page shows why and the login form again.
        try await page.waitUntil(
            "document.getElementById('message').textContent === 'the session ended: log in to view'",
            "the page told that the session ended")
        #expect(try await page.evaluate("document.getElementById('login').hidden") == .bool(false))
        #expect(try await page.text("#connection") == "logged out")
        try await harness.stop()
    }
}
