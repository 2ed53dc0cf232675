import Foundation

/// Debian's `chromium`, headless: loads a page and gives the
/// DOM as rendered, or a screenshot. What a person would see, without a display.
struct HeadlessChromium {
    let executable: String

    /// The browser, when one is installed (`make deps` installs Debian's `chromium`).
    static func find() -> HeadlessChromium? {
        for path in ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        where FileManager.default.isExecutableFile(atPath: path) {
            return HeadlessChromium(executable: path)
        }
        return nil
    }

    /// Where screenshots go: `.build/test-artifacts`, kept after the run for people and CI to look at.
    static var artifacts: URL {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent(".build/test-artifacts", isDirectory: true)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The DOM once the page has loaded (at most `budget` milliseconds): the page draws the snapshot it arrives
    /// with before its load event.
    func dumpDOM(_ url: String, budget: Int = 30_000) throws -> String {
        String(decoding: try run(["--dump-dom", url], budget: budget), as: UTF8.self)
    }

    /// A PNG of the page once it has loaded (at most `budget` milliseconds).
    func screenshot(_ url: String, to file: URL, budget: Int = 30_000) throws {
        try? FileManager.default.removeItem(at: file)
        _ = try run(["--screenshot=\(file.path)", "--window-size=1400,1000", url], budget: budget)
    }

    private func run(_ arguments: [String], budget: Int) throws -> Data {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-chromium-\(UUID())")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments =
            [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--user-data-dir=\(profile.path)", "--timeout=\(budget)",
            ] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // A browser that hangs must not hang the test run.
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 90, execute: watchdog)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        return data
    }
}
