import Gateway
import Testing

/// `console:`: where the live console listens, who may log in and how long, read with every mistake named.
@Suite struct ConfigConsoleTests {
    @Test("the console's settings are read; without the section there is no console")
    func settingsAreRead() throws {
        let config = try ConfigFolder.with {
            try $0.load(
                minimalYAML
                    + "\nconsole: {listen: '127.0.0.1:9090', viewing: login, session_minutes: 5, release_window_s: 60}\n"
            )
        }
        let console = try #require(config.console)
        #expect(console.host == "127.0.0.1")
        #expect(console.port == 9090)
        #expect(console.viewingRequiresLogin)
        #expect(console.sessionLifetime == 300)
        #expect(console.releaseWindow == 60)
        #expect(console.operatorsFile == nil)
        #expect(try ConfigFolder.with { try $0.load(minimalYAML) }.console == nil)
    }

    @Test(
        "each mistake is refused, naming the key",
        arguments: [
            ("{listen: 'nowhere'}", "console.listen"), ("{listen: ':70000'}", "console.listen"),
            ("{viewing: public}", "console.viewing"), ("{session_minutes: 0}", "console.session_minutes"),
            ("{release_window_s: 1}", "console.release_window_s"), ("{port: 80}", "console.port"),
        ])
    func mistakes(section: String, key: String) throws {
        let issues = try ConfigFolder.with { $0.issues(minimalYAML + "\nconsole: \(section)\n") }
        #expect(issues.map(\.key) == [key], "\(section): \(issues)")
    }

    @Test("--console ADDR: HOST:PORT, :PORT or PORT")
    func listenAddress() throws {
        var settings = ConsoleSettings()
        try settings.listen(on: ":8500")
        #expect(settings.host == "127.0.0.1" && settings.port == 8500)
        try settings.listen(on: "0.0.0.0:8600")
        #expect(settings.host == "0.0.0.0" && settings.port == 8600)
        #expect(throws: ConfigIssue.self) { try settings.listen(on: "a:b:c") }
    }
}
