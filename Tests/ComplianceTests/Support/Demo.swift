import Airspace
import Compliance
import Foundation
import Geo

/// The demo site in `Geofences/berlin-pariser-platz`, loaded once, and the positions its README documents.
///
/// On 2026-11-28 at 13:00Z, mission M-0412, drones D1 to D3 (the sample queries of `Geofences/README.md`):
/// - ``corridor``: in the route corridor, 75 m AGL is compliant with no warning (45 m from floor and ceiling);
/// - ``nearNorthEdge``: 25.2 m inside the corridor's north edge, a `near_operation_area_boundary` warning;
/// - ``southOfCorridor``: 250.4 m south of the corridor, `outside_operation_area`;
/// - ``rescueLandingSite``: inside the temporary no-fly polygon (active 09:00-19:00Z), `in_no_fly`;
/// - ``nearRescueLandingSite``: 40.7 m east of it, a `near_no_fly` warning (margin 50 m).
/// The authorisation and the corridor end at 20:00:00Z (exclusive).
enum Demo {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let bundleFolder = packageRoot.appendingPathComponent("Geofences/berlin-pariser-platz")

    static let airspace: AirspaceIndex = {
        do {
            return AirspaceIndex(bundle: try BundleLoader.load(directory: bundleFolder))
        } catch {
            fatalError("the demo bundle does not load: \(error)")
        }
    }()

    static let noon = time("2026-11-28T13:00:00Z")
    static let expiry = time("2026-11-28T20:00:00Z")

    static let corridor = GeoPoint(latitude: 52.5152, longitude: 13.36)
    static let nearNorthEdge = GeoPoint(latitude: 52.5163, longitude: 13.36)
    static let southOfCorridor = GeoPoint(latitude: 52.5115, longitude: 13.36)
    static let rescueLandingSite = GeoPoint(latitude: 52.5156, longitude: 13.3665)
    static let nearRescueLandingSite = GeoPoint(latitude: 52.5156, longitude: 13.3686)

    static func time(_ text: String) -> Date {
        do {
            return try RFC3339.parse(text)
        } catch {
            fatalError("bad test time \(text): \(error)")
        }
    }

    /// A fresh engine on the demo site.
    static func engine(_ edit: (inout CompliancePolicy) -> Void = { _ in }) -> ComplianceEngine {
        var policy = CompliancePolicy()
        edit(&policy)
        return ComplianceEngine(airspace: airspace, policy: policy)
    }

    /// The point `metres` due north of `point`, measured with the gateway's own geodesic.
    static func north(of point: GeoPoint, metres: Double) -> GeoPoint {
        let step = 0.001
        let perDegree =
            Geodesic.distance(point, GeoPoint(latitude: point.latitude + step, longitude: point.longitude))
            / step
        var latitude = point.latitude + metres / perDegree
        // Two Newton steps take out the curvature of the metres-per-degree estimate.
        for _ in 0..<2 {
            let actual = Geodesic.distance(point, GeoPoint(latitude: latitude, longitude: point.longitude))
            latitude += (metres - actual) / perDegree
        }
        return GeoPoint(latitude: latitude, longitude: point.longitude)
    }
}
