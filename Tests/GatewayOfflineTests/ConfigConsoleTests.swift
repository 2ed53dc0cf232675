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
        #expect(console.tiles == nil, "no tile server unless one is named")
        #expect(try ConfigFolder.with { try $0.load(minimalYAML) }.console == nil)
    }

    @Test("tile_url names a tile server: the template is kept, its origin is what the page may load images from")
    func tileURL() throws {
        let config = try ConfigFolder.with {
            try $0.load(minimalYAML + "\nconsole: {tile_url: 'https://Tiles.Example:8443/osm/{z}/{x}/{y}.png?k=1'}\n")
        }
        let tiles = try #require(config.console?.tiles)
        #expect(tiles.template == "https://Tiles.Example:8443/osm/{z}/{x}/{y}.png?k=1")
        #expect(tiles.origin == "https://tiles.example:8443")
        #expect(try TileSource(template: "http://127.0.0.1:9/{z}/{x}/{y}").origin == "http://127.0.0.1:9")
    }

    @Test(
        "a tile_url that is not an http(s) tile template is refused, naming the key, the value and what is wrong",
        arguments: [
            ("ftp://tiles.example/{z}/{x}/{y}.png", "expected an http or https URL"),
            ("https://tiles.example/{z}/{x}.png", "has no {y}"),
            ("tiles.example/{z}/{x}/{y}.png", "expected an http or https URL"),
            ("https://{z}.tiles.example/{x}/{y}.png", "names no host"),
            ("https://user:secret@tiles.example/{z}/{x}/{y}.png", "password"),
            ("https://tiles.example/{z}/{x}/{y}.png' onerror='x", "quote"),
        ])
    func tileURLMistakes(template: String, problem: String) throws {
        let issues = try ConfigFolder.with {
            $0.issues(minimalYAML + "\nconsole: {tile_url: \"\(template)\"}\n")
        }
        let issue = try #require(issues.first, "\(template) was accepted")
        #expect(issues.count == 1)
        #expect(issue.key == "console.tile_url")
        #expect(issue.value.contains(template), "the message shows the value: \(issue)")
        #expect(issue.problem.contains(problem), "\(issue)")
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
