import Foundation
import Gateway
import StrictJSON
import Testing

/// Logging in and out of the console, sessions that expire, and what viewing needs.
@Suite("Live console: operators' sessions", .serialized)
struct ConsoleSessionTests {
    @Test("a wrong password is refused; the right one opens a session with its own CSRF token, in an HttpOnly cookie")
    func login() async throws {
        let harness = try await ConsoleHarness.start()
        let client = ConsoleClient(base: harness.base)
        let wrong = try await client.login("alice", "not-her-password")
        #expect(wrong.status == 401)
        #expect(client.cookie == nil)
        let unknown = try await client.login("mallory", "anything")
        #expect(unknown.status == 401)
        let right = try await client.login("alice", ConsoleHarness.passwords["alice"]!)
        #expect(right.status == 200)
        #expect(right.json["operator"] == "alice")
        let setCookie = try #require(right.setCookie)
        #expect(setCookie.contains("HttpOnly"))
        #expect(setCookie.contains("SameSite=Strict"))
        #expect((client.csrf?.count ?? 0) == 64)
        let session = try await client.send("GET", "/api/session")
        #expect(session.status == 200)
        #expect(session.json["csrf"]?.stringValue == client.csrf)
        let other = ConsoleClient(base: harness.base)
        try await other.login("bob", ConsoleHarness.passwords["bob"]!)
        #expect(other.csrf != client.csrf, "each session has its own token")
        #expect(try await client.send("POST", "/api/logout").status == 200)
        #expect(try await client.send("GET", "/api/session").status == 401, "the session ended at logout")
        try await harness.stop()
    }

    @Test("a session ends when it has not been used for its lifetime")
    func sessionExpires() async throws {
        let harness = try await ConsoleHarness.start { $0.sessionLifetime = 1 }
        let client = ConsoleClient(base: harness.base)
        try await client.login("alice", ConsoleHarness.passwords["alice"]!)
        #expect(try await client.send("GET", "/api/session").status == 200)
        try await Task.sleep(for: .milliseconds(1_600))
        #expect(try await client.send("GET", "/api/session").status == 401)
        let release = try await client.release("D1", "cam2", reason: "an expired session must not release")
        #expect(release.status == 401)
        try await harness.stop()
    }

    @Test("viewing can require a login: the page loads, the picture does not until then")
    func viewingNeedsLogin() async throws {
        let harness = try await ConsoleHarness.start { $0.viewingRequiresLogin = true }
        let client = ConsoleClient(base: harness.base)
        #expect(try await client.send("GET", "/").status == 200)
        #expect(try await client.send("GET", "/api/snapshot").status == 401)
        #expect(try await client.send("GET", "/api/zones").status == 401)
        try await client.login("bob", ConsoleHarness.passwords["bob"]!)
        let zones = try await client.send("GET", "/api/zones")
        #expect(zones.status == 200)
        #expect(zones.json["zones"]?.arrayValue?.count == 2)
        try await harness.stop()
    }

    @Test("where viewing needs a login, an open stream ends once its session expires, and cannot be reopened")
    func streamEndsWhenTheSessionExpires() async throws {
        let lifetime = 2.0
        let harness = try await ConsoleHarness.start {
            $0.viewingRequiresLogin = true
            $0.sessionLifetime = lifetime
        }
        let client = ConsoleClient(base: harness.base)
        try await client.login("alice", ConsoleHarness.passwords["alice"]!)
        let cookie = try #require(client.cookie)
        // Opening the stream is the session's last use: it expires `lifetime` seconds later.
        let opened = ContinuousClock.now
        let viewer = try StreamTranscript(port: harness.port, cookie: cookie)
        let ended = try #require(
            try await viewer.end(within: .seconds(lifetime + 15)), "the stream is still open long after expiry")
        let lasted = ended - opened
        #expect(lasted > .seconds(lifetime - 0.3), "it ended before the session expired: \(lasted)")
        #expect(lasted < .seconds(lifetime + 5), "it ended long after the session expired: \(lasted)")
        #expect(viewer.count("snapshot") >= 3, "snapshots came while the session was live")
        #expect(viewer.count("expired") == 1, "the viewer is told why")
        let again = try StreamTranscript(port: harness.port, cookie: cookie)
        #expect(try await again.responseStatus() == 401, "an expired session cannot reopen the stream")
        try await harness.stop()
    }

    @Test("where viewing needs a login, logging out ends that operator's open stream")
    func streamEndsAtLogout() async throws {
        let harness = try await ConsoleHarness.start { $0.viewingRequiresLogin = true }
        let client = ConsoleClient(base: harness.base)
        try await client.login("bob", ConsoleHarness.passwords["bob"]!)
        let cookie = try #require(client.cookie)
        let viewer = try StreamTranscript(port: harness.port, cookie: cookie)
        try await viewer.waitFor("snapshot")
        #expect(try await viewer.end(within: .seconds(1)) == nil, "the stream stays open while the login does")
        #expect(try await client.send("POST", "/api/logout").status == 200)
        let loggedOut = ContinuousClock.now
        let ended = try #require(try await viewer.end(within: .seconds(15)), "the stream outlived the logout")
        #expect(ended - loggedOut < .seconds(5))
        #expect(viewer.count("expired") == 1)
        try await harness.stop()
    }
}
