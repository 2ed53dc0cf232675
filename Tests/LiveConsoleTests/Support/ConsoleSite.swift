import Airspace
import Foundation
import Geo
import StrictJSON

/// The console tests' site: an operation area around Pariser Platz, 30-120 m AGL, for mission M-1, authorised
/// from an hour before the test to an hour after (relative to the test's own clock, never a fixed date), and a
/// no-fly zone beside it.
enum ConsoleSite {
    static let centre = GeoPoint(latitude: 52.5163, longitude: 13.3777)

    static func airspace(drones: [String]) throws -> AirspaceIndex {
        let half = 0.005
        let ring = [(-1.0, -1.0), (1, -1), (1, 1), (-1, 1), (-1, -1)].map {
            GeoPoint(latitude: centre.latitude + $0.1 * half, longitude: centre.longitude + $0.0 * half)
        }
        let area = Zone(
            id: "OA-1", name: "Pariser Platz", kind: .operationArea, shape: .polygon(try Polygon(rings: [ring])),
            band: AltitudeBand(
                floor: AltitudeLimit(value: 30, reference: .agl), ceiling: AltitudeLimit(value: 120, reference: .agl)),
            missions: ["M-1"])
        let noFly = Zone(
            id: "NF-1", name: "Embassy", kind: .noFly,
            shape: .circle(try Circle(center: GeoPoint(latitude: 52.5185, longitude: 13.3777), radius: 80)))
        let now = Date()
        let authorisation = Authorisation(
            id: "AUTH-1", mission: "M-1", drones: drones, operationAreas: ["OA-1"],
            validFrom: now.addingTimeInterval(-3600), validUntil: now.addingTimeInterval(3600), authority: "Test",
            legalReference: "Test", justification: "Live console tests.")
        let site = SiteSettings(
            name: "Console test", datum: VerticalDatum(groundElevationAMSL: 34, geoidUndulation: 39.6))
        return AirspaceIndex(bundle: SiteBundle(site: site, zones: [area, noFly], authorisations: [authorisation]))
    }

    /// A native fix at the test's clock; `alt` above 120 m AGL is a breach of the area's band.
    static func fix(drone: String, seq: Int, alt: Double = 60, latitude: Double = centre.latitude, track: Double = 90)
        -> [UInt8]
    {
        JSONWriter.bytes(
            .object([
                "v": .number(1), "drone": .string(drone), "mission": "M-1", "seq": .number(seq),
                "time": .string(RFC3339.format(Date())),
                "position": .object([
                    "lat": .number(latitude), "lon": .number(centre.longitude), "alt_m": .number(alt),
                    "alt_ref": "AGL",
                ]),
                "velocity": .object(["ground_speed_mps": .number(4), "track_deg": .number(track)]),
            ]))
    }

    /// A payload on `stream`; `face_crop` suspends the stream.
    static func payload(drone: String, stream: String, seq: Int, product: String = "crowd_density") -> [UInt8] {
        JSONWriter.bytes(
            .object([
                "v": .number(1), "drone": .string(drone), "mission": "M-1", "stream": .string(stream),
                "seq": .number(seq), "time": .string(RFC3339.format(Date())), "product": .string(product),
                "data": .object([
                    "origin": .object(["lat": .number(52.5165), "lon": .number(13.3770)]), "cell_m": .number(10),
                    "rows": .number(2), "cols": .number(3),
                    "counts": .array([0, 14, 31, 7, 0, 52].map { .number($0) }),
                ]),
            ]))
    }
}
