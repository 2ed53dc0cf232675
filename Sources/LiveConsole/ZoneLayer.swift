import Airspace
import Foundation
import Geo
import StrictJSON

/// The zones of the bundle in force as the page draws them: outlines as `[lon, lat]` rings (GeoJSON's order),
/// circles as centre and radius. Sent once per bundle; which zones are active travels with every snapshot.
enum ZoneLayer {
    static func json(_ bundle: SiteBundle) -> [UInt8] {
        JSONWriter.bytes(
            .object([
                "site": .string(bundle.site.name),
                "zones": .array(bundle.zones.map(zone)),
            ]))
    }

    /// Which zones are active at the gateway's time, by id.
    static func activity(_ bundle: SiteBundle, at time: Date) -> JSONValue {
        .object(JSONObject(bundle.zones.map { (key: $0.id, value: .bool($0.activity.isActive(at: time))) }))
    }

    private static func zone(_ zone: Zone) -> JSONValue {
        var object: JSONObject = [
            "id": .string(zone.id), "name": .string(zone.name), "kind": .string(zone.kind.rawValue),
        ]
        switch zone.shape {
        case .polygon(let polygon):
            object["polygons"] = .array([rings(polygon)])
        case .multiPolygon(let parts):
            object["polygons"] = .array(parts.map(rings))
        case .circle(let circle):
            object["circle"] = .object([
                "lat": .number(circle.center.latitude), "lon": .number(circle.center.longitude),
                "radius_m": .number(circle.radius),
            ])
        }
        return .object(object)
    }

    private static func rings(_ polygon: Polygon) -> JSONValue {
        .array(([polygon.outerRing] + polygon.holes).map { ring in .array(ring.map(point)) })
    }

    static func point(_ point: GeoPoint) -> JSONValue {
        .array([.number(rounded(point.longitude)), .number(rounded(point.latitude))])
    }

    /// Seven decimals of a degree are about a centimetre: more only weighs on the page.
    static func rounded(_ degrees: Double) -> Double { (degrees * 1e7).rounded() / 1e7 }
}
