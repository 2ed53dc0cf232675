public import Foundation

/// The live console (`console:` in the configuration, or `flowgate run --console ADDR`): where it listens, who
/// may release a stream, and how long a login lasts.
public struct ConsoleSettings: Sendable, Hashable {
    /// The address the console listens on; loopback unless the configuration says otherwise.
    public var host = "127.0.0.1"
    /// 0 picks a free port (tests).
    public var port = 8480
    /// The operators' credentials, one `name:bcrypt-hash` a line (`flowgate console passwd`); `nil`: nobody can
    /// log in, so nobody can release from the console.
    public var operatorsFile: URL?
    /// Whether seeing the map needs a login. Open viewing is meant for loopback, where only people on the gateway's
    /// machine can reach the page.
    public var viewingRequiresLogin = false
    /// How long a login lasts without being renewed, seconds.
    public var sessionLifetime: Double = 30 * 60
    /// How long the first operator's approval of a release waits for a second operator, seconds.
    public var releaseWindow: Double = 120
    /// Map tiles under the console's map; `nil` (the default): none, the map is drawn on a plain background and the
    /// page asks nothing of any other server.
    public var tiles: TileSource?

    public init() {}

    /// `HOST:PORT`, `:PORT` (loopback) or `PORT`.
    /// - Throws: a message naming the address when it is not one.
    public mutating func listen(on address: String) throws(ConfigIssue) {
        let parts = address.split(separator: ":", omittingEmptySubsequences: false)
        let portText = parts.last.map(String.init) ?? ""
        guard let port = Int(portText), (0...65_535).contains(port), parts.count <= 2 else {
            throw ConfigIssue(
                file: "--console", line: nil, key: "console.listen", value: address,
                problem: "expected HOST:PORT, :PORT or PORT, e.g. 127.0.0.1:8480")
        }
        if parts.count == 2, !parts[0].isEmpty { host = String(parts[0]) }
        self.port = port
    }
}
