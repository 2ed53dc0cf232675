import Airspace
import Audit
import Geo

/// The SVG map: zones coloured by kind, each drone's track coloured by compliance state, a numbered marker at
/// each violation. Every label is escaped; hovering shows it (SVG `title`).
enum ReportMap {
    static let zoneColours: [ZoneKind: String] = [
        .operationArea: "#2e7d32", .noFly: "#c62828", .noCapture: "#ef6c00",
    ]
    static let stateColours: [String: String] = ["compliant": "#1565c0", "warning": "#f9a825", "breach": "#d50000"]

    static func svg(zones: [Zone], run: RecordedRun, violations: [Violation]) -> String {
        let points = zones.flatMap(corners) + run.tracks.map(\.position) + violations.compactMap(\.position)
        guard let projection = MapProjection(fitting: points) else {
            return "<p class=\"note\">No zones and no track to draw.</p>\n"
        }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\" viewBox=\"0 0 "
        out += "\(Markup.number(projection.width)) \(Markup.number(projection.height))\" role=\"img\">"
        out += "<rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#fafafa\"/>"
        for zone in zones.sorted(by: { $0.kind < $1.kind }) { out += draw(zone, projection) }
        for segment in TrackSegment.split(run.tracks) {
            let colour = stateColours[segment.state.rawValue] ?? "#000"
            let line = segment.fixes.map { projection.pair($0.position) }.joined(separator: " ")
            out += "<polyline class=\"track\" points=\"\(line)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\">"
            out +=
                "<title>\(Markup.escape("\(segment.drone) \(segment.mission ?? "") \(segment.state.rawValue)"))</title>"
            out += "</polyline>"
        }
        for (drone, first) in firstFixes(run) {
            out += "<text class=\"drone\" x=\"\(Markup.number(projection.x(first) + 4))\" "
            out += "y=\"\(Markup.number(projection.y(first) - 4))\">\(Markup.escape(drone))</text>"
        }
        for (index, violation) in violations.enumerated() {
            guard let position = violation.position else { continue }
            let (x, y) = (Markup.number(projection.x(position)), Markup.number(projection.y(position)))
            out += "<g class=\"violation\"><circle cx=\"\(x)\" cy=\"\(y)\" r=\"7\" fill=\"#d50000\" stroke=\"#fff\"/>"
            out += "<text x=\"\(x)\" y=\"\(y)\" dy=\"3.5\" text-anchor=\"middle\" fill=\"#fff\">\(index + 1)</text>"
            out += "<title>\(Markup.escape(violation.label(number: index + 1)))</title></g>"
        }
        return out + "</svg>\n"
    }

    private static func draw(_ zone: Zone, _ projection: MapProjection) -> String {
        let colour = zoneColours[zone.kind] ?? "#555"
        let style = "fill=\"\(colour)\" fill-opacity=\"0.18\" stroke=\"\(colour)\" stroke-width=\"1.5\""
        let title = "<title>\(Markup.escape("\(zone.kind.rawValue) \(zone.id): \(zone.name)"))</title>"
        switch zone.shape {
        case .circle(let circle):
            let radius = Markup.number(circle.radius * projection.pixelsPerMetre)
            return "<circle class=\"zone\" cx=\"\(Markup.number(projection.x(circle.center)))\" "
                + "cy=\"\(Markup.number(projection.y(circle.center)))\" r=\"\(radius)\" \(style)>\(title)</circle>"
        case .polygon(let polygon):
            return path([polygon], projection, style, title)
        case .multiPolygon(let parts):
            return path(parts, projection, style, title)
        }
    }

    private static func path(_ polygons: [Polygon], _ projection: MapProjection, _ style: String, _ title: String)
        -> String
    {
        let rings = polygons.flatMap { [$0.outerRing] + $0.holes }
        let data = rings.map { ring in
            "M" + ring.map { projection.pair($0) }.joined(separator: " L") + " Z"
        }.joined(separator: " ")
        return "<path class=\"zone\" d=\"\(data)\" fill-rule=\"evenodd\" \(style)>\(title)</path>"
    }

    private static func corners(_ zone: Zone) -> [GeoPoint] {
        zone.shape.boundingBoxes.flatMap { box in
            [
                GeoPoint(latitude: box.minLatitude, longitude: box.minLongitude),
                GeoPoint(latitude: box.maxLatitude, longitude: box.maxLongitude),
            ]
        }
    }

    private static func firstFixes(_ run: RecordedRun) -> [(String, GeoPoint)] {
        var seen: Set<String> = []
        return run.tracks.compactMap { fix in seen.insert(fix.drone).inserted ? (fix.drone, fix.position) : nil }
    }
}
