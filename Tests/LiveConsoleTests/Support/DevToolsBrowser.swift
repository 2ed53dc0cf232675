import Foundation
import StrictJSON

/// One headless Chromium process with its DevTools endpoint open on a free loopback port, and the connection to
/// it. Each ``newTab()`` is a page in a browser context of its own (its own cookies): one operator each.
final class DevToolsBrowser {
    let connection: DevToolsConnection
    private let process: Process
    private let profile: URL

    private init(connection: DevToolsConnection, process: Process, profile: URL) {
        self.connection = connection
        self.process = process
        self.profile = profile
    }

    /// Starts `executable` and waits (at most a minute, for a loaded machine) for the port it writes in
    /// `DevToolsActivePort` in its profile folder.
    static func launch(executable: String) async throws -> DevToolsBrowser {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-chromium-\(UUID())")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        let log = profile.appendingPathComponent("stderr.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--no-default-browser-check", "--disable-background-networking", "--disable-extensions",
            "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--user-data-dir=\(profile.path)",
            // The WebSocket client sends `Origin: ws://127.0.0.1`, which Chromium refuses unless told: no web page
            // has that origin, so no page can reach DevTools through this allowance.
            "--remote-allow-origins=ws://127.0.0.1", "--window-size=1400,1000", "about:blank",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        let portFile = profile.appendingPathComponent("DevToolsActivePort")
        let deadline = ContinuousClock.now + .seconds(60)
        var endpoint: String?
        while endpoint == nil, ContinuousClock.now < deadline, process.isRunning {
            // Two lines: the port, then the browser target's path.
            let lines = ((try? String(contentsOf: portFile, encoding: .utf8)) ?? "").split(separator: "\n")
            if lines.count >= 2, let port = Int(lines[0]) {
                endpoint = "ws://127.0.0.1:\(port)\(lines[1])"
            } else {
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        guard let endpoint else {
            let said = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if process.isRunning { process.terminate() }
            try? FileManager.default.removeItem(at: profile)
            throw HarnessError("chromium did not open its DevTools port within 60 s: \(said.suffix(2_000))")
        }
        do {
            let connection = try await DevToolsConnection.open(endpoint)
            return DevToolsBrowser(connection: connection, process: process, profile: profile)
        } catch {
            process.terminate()
            try? FileManager.default.removeItem(at: profile)
            throw error
        }
    }

    /// A blank page in a new browser context: cookies, storage and session of its own.
    func newTab() async throws -> BrowserTab {
        let context = try await connection.send("Target.createBrowserContext")
        let contextID = try requireValue(context["browserContextId"]?.stringValue, "browser context")
        let target = try await connection.send(
            "Target.createTarget",
            [
                "url": "about:blank", "browserContextId": .string(contextID), "width": .number(1400),
                "height": .number(1000),
            ])
        let targetID = try requireValue(target["targetId"]?.stringValue, "target")
        let attached = try await connection.send(
            "Target.attachToTarget", ["targetId": .string(targetID), "flatten": .bool(true)])
        let session = try requireValue(attached["sessionId"]?.stringValue, "DevTools session")
        let tab = BrowserTab(connection: connection, session: session)
        try await tab.setViewport(width: 1400, height: 1000)
        return tab
    }

    /// Ends the browser and removes its profile.
    func close() {
        connection.close()
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: profile)
    }
}
