import Foundation
import Geo
public import StrictJSON

/// Writes zones in the bundle's `zones.geojson` format, so that an import can be saved and read back by the
/// ordinary loader.
public enum ZoneGeoJSON {
    /// A FeatureCollection of the zones; `source` goes into an `x_source` extension member of each feature.
    public static func featureCollection(_ zones: [Zone], source: String? = nil) -> JSONValue {
        .object(["type": "FeatureCollection", "features": .array(zones.map { feature($0, source: source) })])
    }

    static func feature(_ zone: Zone, source: String?) -> JSONValue {
        var properties: JSONObject = [
            "id": .string(zone.id), "name": .string(zone.name), "kind": .string(zone.kind.rawValue),
        ]
        var band = JSONObject()
        if let floor = zone.band.floor { band["floor"] = limit(floor) }
        if let ceiling = zone.band.ceiling { band["ceiling"] = limit(ceiling) }
        if !band.members.isEmpty { properties["band"] = .object(band) }
        if let window = zone.activity.window {
            var object = JSONObject()
            if let from = window.from { object["from"] = .string(RFC3339.format(from)) }
            if let until = window.until { object["until"] = .string(RFC3339.format(until)) }
            properties["window"] = .object(object)
        }
        if let schedule = zone.activity.schedule {
            properties["schedule"] = .array(schedule.periods.map(period))
        }
        if case .circle(let circle) = zone.shape { properties["radius_m"] = .number(circle.radius) }
        if let source { properties["x_source"] = .string(source) }
        return .object([
            "type": "Feature", "id": .string(zone.id), "geometry": geometry(zone.shape),
            "properties": .object(properties),
        ])
    }

    static func limit(_ limit: AltitudeLimit) -> JSONValue {
        .object([
            "value": .number(limit.value), "ref": .string(limit.reference.rawValue),
            "unit": .string(limit.unit.rawValue),
        ])
    }

    static func period(_ period: WeeklySchedule.Period) -> JSONValue {
        let days =
            period.days.count == Weekday.allCases.count ? ["ANY"] : period.days.sorted().map(\.code)
        return .object([
            "days": .array(days.map { .string($0) }), "start": .string(period.start.description),
            "end": .string(period.end.description),
        ])
    }

    static func geometry(_ shape: Shape) -> JSONValue {
        switch shape {
        case .circle(let circle):
            .object(["type": "Point", "coordinates": position(circle.center)])
        case .polygon(let polygon):
            .object(["type": "Polygon", "coordinates": rings(polygon)])
        case .multiPolygon(let parts):
            .object(["type": "MultiPolygon", "coordinates": .array(parts.map(rings))])
        }
    }

    static func rings(_ polygon: Polygon) -> JSONValue {
        .array(([polygon.outerRing] + polygon.holes).map { ring in .array((ring + ring.prefix(1)).map(position)) })
    }

    static func position(_ point: GeoPoint) -> JSONValue {
        .array([.number(point.longitude), .number(point.latitude)])
    }
}
