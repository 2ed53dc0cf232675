import Geo
import StrictJSON

/// Reads one drone of a scenario: id, mission, telemetry rate, route and payload streams.
enum DroneReader {
    /// Products the simulator can produce for a stream (the crowd-flow purpose's allowed products).
    static let products = ["crowd_count", "crowd_density", "crowd_flow", "route_estimate", "imagery"]

    static func read(_ fields: ScenarioFields, duration: Double) throws(ScenarioIssue) -> DroneSpec {
        try fields.allowOnly(["id", "mission", "telemetry_hz", "stop_s", "route", "streams", "format"])
        let id = try fields.identifier("id")
        let mission = try fields.identifier("mission")
        let hz = try fields.number("telemetry_hz", in: 0.2...50)
        let stop = fields.has("stop_s") ? try fields.number("stop_s", in: 0...duration) : nil
        var route: [Waypoint] = []
        for point in try fields.objects("route") {
            try point.allowOnly(["lat", "lon", "alt_m", "alt_ref", "speed_mps"])
            let referenceText = try point.string("alt_ref")
            guard let reference = AltitudeReference(rawValue: referenceText) else {
                throw point.issue("alt_ref", .string(referenceText), "must be AGL, AMSL or WGS84")
            }
            route.append(
                Waypoint(
                    position: try point.point(), altitude: try point.number("alt_m", in: -100...10_000),
                    reference: reference, speed: try point.positive("speed_mps", maximum: 30)))
        }
        var streams: [StreamSpec] = []
        if fields.has("streams") {
            for stream in try fields.objects("streams", allowEmpty: true) {
                let spec = try readStream(stream)
                if streams.contains(where: { $0.name == spec.name }) {
                    throw stream.issue("name", .string(spec.name), "duplicate stream name for drone \(id)")
                }
                streams.append(spec)
            }
        }
        let formatText = try fields.optionalString("format") ?? WireFormat.native.rawValue
        guard let format = WireFormat(rawValue: formatText) else {
            throw fields.issue(
                "format", .string(formatText),
                "unknown format (known: \(WireFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return DroneSpec(
            id: id, mission: mission, telemetryHz: hz, stop: stop, route: route, streams: streams, format: format)
    }

    static func readStream(_ fields: ScenarioFields) throws(ScenarioIssue) -> StreamSpec {
        try fields.allowOnly(["name", "product", "hz", "sensor", "cell_m", "rows", "cols", "radius_m"])
        let name = try fields.identifier("name")
        let product = try fields.string("product")
        guard products.contains(product) else {
            throw fields.issue(
                "product", .string(product), "unknown product (known: \(products.joined(separator: ", ")))")
        }
        let sensor = fields.has("sensor") ? try readSensor(try fields.object("sensor")) : nil
        if product == "imagery", sensor == nil {
            throw fields.issue("sensor", nil, "imagery needs its sensor geometry")
        }
        return StreamSpec(
            name: name, product: product, hz: try fields.number("hz", in: 0.05...20), sensor: sensor,
            cellSize: try fields.number("cell_m", in: 10...500, default: 10),
            rows: fields.has("rows") ? try fields.integer("rows", in: 1...100) : 6,
            cols: fields.has("cols") ? try fields.integer("cols", in: 1...100) : 6,
            radius: try fields.number("radius_m", in: 5...1_000, default: 50))
    }

    static func readSensor(_ fields: ScenarioFields) throws(ScenarioIssue) -> SensorSpec {
        try fields.allowOnly(["kind", "hfov_deg", "image_width_px", "zoom", "slant_range_m"])
        let kind = try fields.string("kind")
        guard ["eo_camera", "ir_camera"].contains(kind) else {
            throw fields.issue("kind", .string(kind), "must be eo_camera or ir_camera")
        }
        let hfov = try fields.number("hfov_deg", in: 1...179)
        return SensorSpec(
            kind: kind, hfov: hfov, imageWidth: try fields.integer("image_width_px", in: 1...100_000),
            zoom: try fields.number("zoom", in: 1...1_000, default: 1),
            slantRange: try fields.positive("slant_range_m", maximum: 100_000))
    }
}

/// Reads the crowd model's parameters.
enum CrowdReader {
    static func read(_ fields: ScenarioFields) throws(ScenarioIssue) -> CrowdSpec {
        try fields.allowOnly(["route", "participants", "length_m", "width_m", "speed_mps", "head_start_m"])
        let points = try fields.objects("route")
        guard points.count >= 2 else { throw fields.issue("route", fields.object["route"], "needs at least 2 points") }
        var route: [GeoPoint] = []
        for point in points {
            try point.allowOnly(["lat", "lon"])
            route.append(try point.point())
        }
        return CrowdSpec(
            route: route, participants: try fields.integer("participants", in: 0...10_000_000),
            length: try fields.positive("length_m", maximum: 100_000),
            width: try fields.positive("width_m", maximum: 10_000),
            speed: try fields.number("speed_mps", in: 0...10),
            headStart: try fields.number("head_start_m", in: 0...100_000, default: 0))
    }
}
