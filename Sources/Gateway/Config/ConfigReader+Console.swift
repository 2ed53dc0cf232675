import Foundation
import Yams

extension ConfigReader {
    /// `console:`: `listen` (`HOST:PORT`), `operators_file` (`name:bcrypt-hash` lines), `viewing`
    /// (`open` or `login`), `session_minutes`, `release_window_s` and `tile_url` (a tile server's URL template).
    static func consoleSettings(_ fields: YAMLFields, base: URL, checkFiles: Bool) -> ConsoleSettings {
        fields.rejectUnknownKeys([
            "listen", "operators_file", "viewing", "session_minutes", "release_window_s", "tile_url",
        ])
        var settings = ConsoleSettings()
        if let listen = fields.string("listen") {
            do {
                try settings.listen(on: listen)
            } catch {
                fields.report("listen", fields.node("listen"), error.problem)
            }
        }
        settings.operatorsFile = fields.fileURL("operators_file", base: base, mustExist: checkFiles)
        switch fields.string("viewing") {
        case nil, "open": settings.viewingRequiresLogin = false
        case "login": settings.viewingRequiresLogin = true
        default: fields.report("viewing", fields.node("viewing"), "must be open or login")
        }
        if let minutes = fields.number("session_minutes", in: 1...1_440) { settings.sessionLifetime = minutes * 60 }
        if let window = fields.number("release_window_s", in: 10...3_600) { settings.releaseWindow = window }
        if let template = fields.string("tile_url") {
            do {
                settings.tiles = try TileSource(template: template)
            } catch {
                fields.report("tile_url", fields.node("tile_url"), error.problem)
            }
        }
        return settings
    }
}
