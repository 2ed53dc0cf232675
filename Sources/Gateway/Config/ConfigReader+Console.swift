import Foundation
import Yams

extension ConfigReader {
    /// `console:`: `listen` (`HOST:PORT`), `operators_file` (`name:bcrypt-hash` lines), `viewing`
    /// (`open` or `login`), `session_minutes` and `release_window_s`.
    static func consoleSettings(_ fields: YAMLFields, base: URL, checkFiles: Bool) -> ConsoleSettings {
        fields.rejectUnknownKeys(["listen", "operators_file", "viewing", "session_minutes", "release_window_s"])
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
        return settings
    }
}
