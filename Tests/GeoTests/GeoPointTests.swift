import Geo
import Testing

@Suite("GeoPoint, WGS84 and LocalFrame")
struct GeoPointTests {
    @Test(
        "in-range finite coordinates are accepted, bounds included",
        arguments: [(52.5163, 13.3777), (90, 180), (-90, -180), (0, 0), (-0.0, -0.0), (89.999_999, -179.999_999)])
    func validCoordinates(_ latitude: Double, _ longitude: Double) throws {
        let p = try GeoPoint.validated(latitude: latitude, longitude: longitude)
        #expect(p.latitude == latitude)
        #expect(p.longitude == longitude)
    }

    @Test("out-of-range coordinates name the axis and the value")
    func outOfRange() {
        #expect(throws: CoordinateError.outOfRange(axis: .latitude, value: 90.0001)) {
            try GeoPoint.validated(latitude: 90.0001, longitude: 0)
        }
        #expect(throws: CoordinateError.outOfRange(axis: .latitude, value: -91)) {
            try GeoPoint.validated(latitude: -91, longitude: 0)
        }
        #expect(throws: CoordinateError.outOfRange(axis: .longitude, value: -180.5)) {
            try GeoPoint.validated(latitude: 0, longitude: -180.5)
        }
        #expect(throws: CoordinateError.outOfRange(axis: .longitude, value: 360)) {
            try GeoPoint.validated(latitude: 0, longitude: 360)
        }
        let error = CoordinateError.outOfRange(axis: .longitude, value: 200)
        #expect(error.description.contains("longitude"))
        #expect(error.description.contains("200"))
        #expect(error.description.contains("-180...180"))
    }

    @Test("NaN and infinities are refused as not finite, latitude checked first")
    func notFinite() {
        let cases: [(Double, Double, CoordinateError.Axis)] = [
            (.nan, 0, .latitude), (.infinity, 0, .latitude), (0, .nan, .longitude), (0, -.infinity, .longitude),
            (.nan, .nan, .latitude), (200, .nan, .longitude),
        ]
        for (latitude, longitude, axis) in cases {
            do {
                _ = try GeoPoint.validated(latitude: latitude, longitude: longitude)
                Issue.record("(\(latitude), \(longitude)) was accepted")
            } catch {
                guard case .notFinite(let refused, _) = error else {
                    Issue.record("(\(latitude), \(longitude)) refused as \(error), expected not finite")
                    continue
                }
                #expect(refused == axis, "(\(latitude), \(longitude))")
                #expect(error.description.contains("not a finite number"))
            }
        }
    }

    @Test("WGS84 derived constants")
    func ellipsoid() {
        #expect(isClose(WGS84.b, 6_356_752.314_245, within: 1e-6))
        #expect(isClose(WGS84.e2, 0.006_694_379_990_141_317, within: 1e-17))
        #expect(WGS84.f == 1 / 298.257_223_563)
    }

    @Test(
        "metres per degree match the textbook table",
        arguments: [
            (0.0, 110_574.275_822, 111_319.490_793), (45.0, 111_131.777_414, 78_846.835_094),
            (60.0, 111_412.287_458, 55_800.001_572), (-60.0, 111_412.287_458, 55_800.001_572),
            (89.99, 111_693.979_525, 19.494_277),
        ])
    func metresPerDegree(_ latitude: Double, _ north: Double, _ east: Double) {
        let scale = WGS84.metresPerDegree(atLatitude: latitude)
        #expect(isClose(scale.north, north, within: 1e-5))
        #expect(isClose(scale.east, east, within: 1e-5))
    }

    @Test("at the pole a degree of longitude has no length")
    func poleScale() {
        #expect(WGS84.metresPerDegree(atLatitude: 90).east < 1e-9)
        #expect(isClose(WGS84.metresPerDegree(atLatitude: 90).north, 111_693.979_559, within: 1e-5))
    }

    @Test("a local frame puts its origin at zero and measures metres east and north")
    func localFrame() {
        let origin = point(52.5, 13.4)
        let frame = LocalFrame(origin: origin)
        #expect(frame.project(origin) == PlanePoint(x: 0, y: 0))
        let scale = WGS84.metresPerDegree(atLatitude: 52.5)
        let q = frame.project(point(52.501, 13.402))
        #expect(isClose(q.x, 0.002 * scale.east, within: 1e-6))
        #expect(isClose(q.y, 0.001 * scale.north, within: 1e-6))
        // West and south are negative.
        let r = frame.project(point(52.49, 13.39))
        #expect(r.x < 0 && r.y < 0)
    }

    @Test(
        "unproject undoes project",
        arguments: [point(52.5, 13.4), point(-33.9, 151.2), point(0, 179.99), point(89.9, 0), point(90, 0)])
    func roundTrip(_ origin: GeoPoint) {
        let frame = LocalFrame(origin: origin)
        for (dLat, dLon) in [(0.0, 0.0), (0.01, 0.02), (-0.003, 0.007), (-0.02, -0.01)] {
            let p = point(origin.latitude + dLat, origin.longitude + dLon)
            let back = frame.unproject(frame.project(p))
            #expect(isClose(back.latitude, p.latitude, within: 1e-12))
            #expect(isClose(back.longitude, p.longitude, within: 1e-9), "\(p) came back as \(back)")
        }
    }

    @Test("the frame at a pole stays invertible")
    func frameAtPole() {
        let frame = LocalFrame(origin: point(90, 0))
        #expect(frame.metresPerDegreeEast > 0)
        let projected = frame.project(point(89.99, 45))
        #expect(projected.x.isFinite && projected.y.isFinite)
        #expect(isClose(projected.y, -0.01 * frame.metresPerDegreeNorth, within: 1e-9))
    }
}
