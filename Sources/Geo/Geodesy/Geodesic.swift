import Foundation

/// Distances on the WGS84 ellipsoid.
///
/// Short distances (the gateway's everyday case: a drone and a zone edge a few hundred metres apart) use the
/// ellipsoidal plane approximation at the mid latitude, which is within a few parts per million of the true
/// geodesic up to 100 km away from the poles. Everything else (high latitudes, long lines) goes through
/// Vincenty's inverse formula, which is accurate to well under a millimetre. Tests compare both against
/// GeographicLib's reference values.
public enum Geodesic {
    /// Latitude above which the plane approximation is not used.
    static let planeLatitudeLimit = 80.0
    /// Largest latitude or longitude difference, in degrees, handled by the plane approximation.
    static let planeSpanLimit = 0.9

    /// Geodesic distance in metres between two points.
    public static func distance(_ p: GeoPoint, _ q: GeoPoint) -> Double {
        let dLat = q.latitude - p.latitude
        let dLon = wrappedLongitudeDelta(q.longitude - p.longitude)
        if abs(p.latitude) < planeLatitudeLimit, abs(q.latitude) < planeLatitudeLimit,
            abs(dLat) < planeSpanLimit, abs(dLon) < planeSpanLimit
        {
            return planeDistance(fromLatitude: p.latitude, dLat: dLat, dLon: dLon)
        }
        return vincentyDistance(p, q)
    }

    /// The ellipsoidal plane approximation: metres per degree taken at the mid latitude.
    static func planeDistance(fromLatitude latitude: Double, dLat: Double, dLon: Double) -> Double {
        let scale = WGS84.metresPerDegree(atLatitude: latitude + dLat / 2)
        let north = dLat * scale.north
        let east = dLon * scale.east
        return (north * north + east * east).squareRoot()
    }

    /// Vincenty's inverse solution. Falls back to a spherical great circle for nearly antipodal points,
    /// where the iteration does not converge (far beyond any distance the gateway works with).
    public static func vincentyDistance(_ p: GeoPoint, _ q: GeoPoint) -> Double {
        let a = WGS84.a, b = WGS84.b, f = WGS84.f
        let L = wrappedLongitudeDelta(q.longitude - p.longitude).radians
        let U1 = atan((1 - f) * tan(p.latitude.radians))
        let U2 = atan((1 - f) * tan(q.latitude.radians))
        let sinU1 = sin(U1), cosU1 = cos(U1), sinU2 = sin(U2), cosU2 = cos(U2)
        var lambda = L
        for _ in 0..<200 {
            let sinLambda = sin(lambda), cosLambda = cos(lambda)
            let t1 = cosU2 * sinLambda
            let t2 = cosU1 * sinU2 - sinU1 * cosU2 * cosLambda
            let sinSigma = (t1 * t1 + t2 * t2).squareRoot()
            if sinSigma == 0 { return 0 }  // coincident points
            let cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda
            let sigma = atan2(sinSigma, cosSigma)
            let sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma
            let cos2Alpha = 1 - sinAlpha * sinAlpha
            let cos2SigmaM = cos2Alpha != 0 ? cosSigma - 2 * sinU1 * sinU2 / cos2Alpha : 0  // equatorial line
            let C = f / 16 * cos2Alpha * (4 + f * (4 - 3 * cos2Alpha))
            let previous = lambda
            lambda =
                L + (1 - C) * f * sinAlpha
                * (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)))
            if abs(lambda - previous) < 1e-12 {
                let u2 = cos2Alpha * (a * a - b * b) / (b * b)
                let A = 1 + u2 / 16384 * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)))
                let B = u2 / 1024 * (256 + u2 * (-128 + u2 * (74 - 47 * u2)))
                let deltaSigma =
                    B * sinSigma
                    * (cos2SigmaM + B / 4
                        * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) - B / 6 * cos2SigmaM
                            * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)))
                return b * A * (sigma - deltaSigma)
            }
        }
        return greatCircleDistance(p, q)
    }

    /// Haversine distance on the sphere of the WGS84 mean radius: only the last resort of ``vincentyDistance``.
    static func greatCircleDistance(_ p: GeoPoint, _ q: GeoPoint) -> Double {
        let meanRadius = (2 * WGS84.a + WGS84.b) / 3
        let dLat = (q.latitude - p.latitude).radians
        let dLon = wrappedLongitudeDelta(q.longitude - p.longitude).radians
        let h =
            sin(dLat / 2) * sin(dLat / 2)
            + cos(p.latitude.radians) * cos(q.latitude.radians) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * meanRadius * asin(min(1, h.squareRoot()))
    }
}
