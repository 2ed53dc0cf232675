/// The console's style sheet: system fonts only, colours by zone kind and compliance state.
enum ConsoleStyle {
    static let source = """
        [hidden] { display: none !important; }
        body { font: 14px system-ui, sans-serif; margin: 0; color: #222; background: #fafafa; }
        header, #exercise { display: flex; gap: 1em; align-items: center; padding: 6px 12px; background: #263238; color: #eee; flex-wrap: wrap; }
        #exercise { background: #37474f; }
        h1 { font-size: 18px; margin: 0; } h2 { font-size: 14px; margin: 10px 0 4px; }
        main { display: flex; gap: 12px; padding: 8px 12px; }
        #map-panel { flex: 3; } #side { flex: 2; max-height: 760px; overflow: auto; }
        #map { width: 100%; background: #f4f1ea; border: 1px solid #bbb; }
        #tile-credit { margin: 2px 0; font-size: 11px; color: #555; }
        #timeline { width: 100%; background: #fff; border: 1px solid #ddd; }
        .zone { stroke-width: 1.5; fill-opacity: 0.18; fill-rule: evenodd; }
        .zone.operation_area { stroke: #2e7d32; fill: #66bb6a; }
        .zone.no_fly { stroke: #c62828; fill: #ef5350; }
        .zone.no_capture { stroke: #6a1b9a; fill: #ab47bc; }
        .zone.inactive { stroke-dasharray: 6 4; fill-opacity: 0.04; stroke-opacity: 0.5; }
        .zone-label { font-size: 10px; fill: #555; }
        .trail { fill: none; stroke-width: 1.5; stroke-opacity: 0.6; }
        .drone .body { stroke: #fff; stroke-width: 1; }
        .compliant .body, .compliant.trail { fill: #1565c0; stroke: #1565c0; }
        .warning .body, .warning.trail { fill: #f9a825; stroke: #f9a825; }
        .breach .body, .breach.trail { fill: #d50000; stroke: #d50000; }
        .drone .body { stroke: #fff; }
        .breach-marker { fill: none; stroke: #d50000; stroke-width: 3; }
        .suspended-marker { fill: #000; font-size: 11px; font-weight: bold; }
        .drone-label { font-size: 11px; fill: #111; }
        .scale line { stroke: #111; stroke-width: 2; } .scale text { font-size: 11px; }
        .bar.forwarded { fill: #43a047; } .bar.redacted { fill: #fb8c00; } .bar.blocked { fill: #e53935; }
        .card { border: 1px solid #ccc; border-left: 6px solid #1565c0; background: #fff; padding: 4px 8px; margin-bottom: 6px; }
        .card.warning { border-left-color: #f9a825; } .card.breach { border-left-color: #d50000; }
        .card h3 { margin: 0; font-size: 14px; } .card table { font-size: 12px; border-collapse: collapse; }
        .card td { padding: 0 6px 0 0; } .status-suspended { color: #d50000; font-weight: bold; }
        .suspension { border: 2px solid #d50000; background: #fff3f3; padding: 4px 8px; margin-bottom: 6px; }
        .suspension textarea { width: 100%; }
        #feed { width: 100%; border-collapse: collapse; font-size: 12px; }
        #feed td, #feed th { border-bottom: 1px solid #eee; padding: 2px 6px; text-align: left; }
        #feed-panel { padding: 0 12px 12px; }
        #legend .key { padding: 0 6px; border-left: 12px solid; font-size: 12px; }
        #legend .operation_area { border-color: #66bb6a; } #legend .no_fly { border-color: #ef5350; }
        #legend .no_capture { border-color: #ab47bc; } #legend .inactive { border-color: #ddd; }
        #legend .compliant { border-color: #1565c0; } #legend .warning { border-color: #f9a825; }
        #legend .breach { border-color: #d50000; }
        #connection.up { color: #a5d6a7; } #connection.down { color: #ef9a9a; }
        #message { color: #ffe082; } .none { color: #777; }
        #scorecard table { border-collapse: collapse; background: #fff; color: #222; }
        #scorecard td, #scorecard th { border: 1px solid #ccc; padding: 2px 6px; }
        """
}
