import Foundation
import Gateway

/// The console's page, served from the binary: no font or script from elsewhere, so it works offline. Map tiles
/// come only from the tile server the configuration names, if it names one.
enum ConsolePage {
    /// The page with the latest snapshot and zone layer in it as JSON data (not script), so that the first paint
    /// already shows the map; `nil` leaves them out (nothing yet, or the viewer must log in first). With `tiles`, the
    /// map names their URL template for the script to draw them under the zones.
    static func html(snapshot: [UInt8]?, zones: [UInt8]?, tiles: TileSource? = nil) -> [UInt8] {
        var page = template
        if let tiles {
            page = page.replacingOccurrences(
                of: #"<svg id="map" "#, with: #"<svg id="map" data-tile-url=""# + attribute(tiles.template) + #"" "#)
        }
        if let snapshot, let zones {
            let data =
                #"<script type="application/json" id="initial-snapshot">"# + island(snapshot) + "</script>\n"
                + #"<script type="application/json" id="initial-zones">"# + island(zones) + "</script>\n</body>"
            page = page.replacingOccurrences(of: "</body>", with: data)
        }
        return Array(page.utf8)
    }

    /// JSON inside a script element: `</` written `<\/` (the same string to JSON) so that no value can close it.
    private static func island(_ json: [UInt8]) -> String {
        String(decoding: json, as: UTF8.self).replacingOccurrences(of: "</", with: #"<\/"#)
    }

    /// Text as the value of a double-quoted attribute.
    private static func attribute(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    static let template = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>flowgate console</title>
        <link rel="stylesheet" href="/console.css">
        <script src="/console.js" defer></script>
        </head>
        <body>
        <header>
          <h1>flowgate <span id="site"></span></h1>
          <span id="clock" title="the gateway's clock">--</span>
          <span id="connection" class="down">connecting</span>
          <form id="login" hidden>
            <input id="login-operator" autocomplete="username" placeholder="operator" required>
            <input id="login-password" type="password" autocomplete="current-password" placeholder="password" required>
            <button type="submit">Log in</button>
          </form>
          <span id="whoami" hidden><span id="operator-name"></span> <button id="logout" type="button">Log out</button></span>
          <span id="message" role="status"></span>
        </header>
        <section id="exercise" hidden>
          <strong>Exercise</strong> <span id="exercise-state"></span>
          <button id="exercise-pause" type="button">Pause</button>
          <button id="exercise-resume" type="button">Resume</button>
          <label>speed <input id="exercise-speed" type="number" min="0.1" step="0.5" size="4"></label>
          <button id="exercise-speed-set" type="button">Set</button>
          <div id="scorecard" hidden></div>
        </section>
        <main>
          <section id="map-panel">
            <svg id="map" viewBox="0 0 800 560" role="img" aria-label="map of zones and drones"><g id="map-tiles"></g><g id="map-features"></g></svg>
        <p id="tile-credit" hidden></p>
            <div id="legend">
              <span class="key operation_area">operation area</span> <span class="key no_fly">no-fly</span>
              <span class="key no_capture">no-capture</span> <span class="key inactive">inactive now</span>
              <span class="key compliant">compliant</span> <span class="key warning">warning</span>
              <span class="key breach">breach</span>
            </div>
            <h2>Forwarded / redacted / blocked per second</h2>
            <svg id="timeline" viewBox="0 0 800 80" role="img" aria-label="timeline"></svg>
          </section>
          <section id="side">
            <h2>Suspended streams</h2>
            <div id="suspended"><p class="none">none</p></div>
            <h2>Drones</h2>
            <div id="cards"></div>
          </section>
        </main>
        <section id="feed-panel">
          <h2>Events</h2>
          <label>drone <select id="filter-drone"><option value="">all</option></select></label>
          <label>reason <select id="filter-reason"><option value="">all</option></select></label>
          <table id="feed"><thead><tr><th>time</th><th>drone</th><th>event</th><th>stream</th><th>reasons</th><th>detail</th></tr></thead><tbody></tbody></table>
        </section>
        </body>
        </html>
        """
}
