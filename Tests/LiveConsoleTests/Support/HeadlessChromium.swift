import Foundation

/// Debian's `chromium`, headless, driven over the DevTools protocol: what a person would see and do, without a
/// display.
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

    /// In CI (`CI` set) the browser tests must run: a missing browser fails them instead of skipping them.
    static var required: Bool { ProcessInfo.processInfo.environment["CI"] != nil }

    /// The browser, or in CI a failure saying it is missing.
    static func require() throws -> HeadlessChromium {
        guard let browser = find() else {
            throw HarnessError(
                "CI is set and chromium is not installed (make deps installs it): the browser tests must run")
        }
        return browser
    }

    /// Where screenshots go: `.build/test-artifacts`, kept after the run for people and CI to look at.
    static var artifacts: URL {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent(".build/test-artifacts", isDirectory: true)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Starts the browser with DevTools on a free loopback port and connects to it.
    func launch() async throws -> DevToolsBrowser {
        try await DevToolsBrowser.launch(executable: executable)
    }
}
