import Foundation
import Geo
import PropertyBased
import Testing

@Suite("Geodesic distances against GeographicLib")
struct GeodesicTests {
    @Test("the fixture holds every generated case, including the special ones")
    func fixtureIsComplete() {
        let cases = GeodesicReference.all
        #expect(cases.count == 510)
        let labels = Set(cases.map(\.label))
        for label in ["random", "antimeridian", "over the north pole", "over the south pole", "long line"] {
            #expect(labels.contains(label), "fixture has no '\(label)' case")
        }
        #expect(cases.contains { $0.s12 < 1 })
        #expect(cases.contains { $0.s12 > 10_000_000 })
    }

    @Test("distance is within 0.1 % of GeographicLib (1 mm below 1 m)", arguments: GeodesicReference.all)
    func distanceMatchesReference(_ reference: GeodesicReference) {
        let distance = Geodesic.distance(reference.start, reference.end)
        let tolerance = max(0.001 * reference.s12, 0.001)
        #expect(
            isClose(distance, reference.s12, within: tolerance),
            "distance \(distance) m, GeographicLib \(reference.s12) m")
    }

    @Test(
        "Vincenty is within 1 mm of GeographicLib (1e-6 relative on very long lines)", arguments: GeodesicReference.all)
    func vincentyMatchesReference(_ reference: GeodesicReference) {
        let distance = Geodesic.vincentyDistance(reference.start, reference.end)
        let tolerance = max(0.001, 1e-6 * reference.s12)
        #expect(
            isClose(distance, reference.s12, within: tolerance),
            "Vincenty \(distance) m, GeographicLib \(reference.s12) m")
    }

    @Test("both functions are symmetric on every fixture case")
    func symmetric() {
        for reference in GeodesicReference.all {
            let (p, q) = (reference.start, reference.end)
            let tolerance = max(1e-6, 1e-12 * reference.s12)
            #expect(
                isClose(Geodesic.distance(p, q), Geodesic.distance(q, p), within: tolerance),
                "distance not symmetric for \(reference.testDescription)")
            #expect(
                isClose(Geodesic.vincentyDistance(p, q), Geodesic.vincentyDistance(q, p), within: tolerance),
                "Vincenty not symmetric for \(reference.testDescription)")
        }
    }

    @Test(
        "identical points are zero metres apart",
        arguments: [
            point(0, 0), point(52.5163, 13.3777), point(-33.9, 151.2), point(89.9, 10), point(-89.9, -170),
            point(90, 0), point(-90, 45), point(10, 180), point(10, -180), point(0, 179.9999999),
        ])
    func zeroForIdenticalPoints(_ p: GeoPoint) {
        #expect(Geodesic.distance(p, p) == 0)
        #expect(Geodesic.vincentyDistance(p, p) == 0)
    }

    @Test("longitude 180 and -180 are the same meridian")
    func antimeridianIsOneMeridian() {
        #expect(Geodesic.distance(point(10, 180), point(10, -180)) < 1e-6)
        #expect(Geodesic.distance(point(-45, 179.99), point(-45, -180)) > 0)
        #expect(
            isClose(
                Geodesic.distance(point(-45, 179.99), point(-45, -180)),
                Geodesic.distance(point(-45, 179.99), point(-45, 180)), within: 1e-6))
    }

    @Test("short lines across the antimeridian take the short way round")
    func acrossTheAntimeridian() {
        // GeographicLib: 111.31949079064123 m, the same as 0.001 degrees of longitude anywhere on the equator.
        let across = Geodesic.distance(point(0, 179.9995), point(0, -179.9995))
        #expect(isClose(across, 111.319_490_790_641_23, within: 0.001))
        #expect(isClose(across, Geodesic.distance(point(0, -0.0005), point(0, 0.0005)), within: 1e-6))
        // GeographicLib: 2192.7872810253743 m.
        #expect(isClose(Geodesic.distance(point(10, 179.99), point(10, -179.99)), 2_192.787_281, within: 0.002))
        // GeographicLib: 13212.339145037946 m, a line that also changes latitude.
        #expect(
            isClose(Geodesic.distance(point(-65, -179.95), point(-64.9, 179.9)), 13_212.339_145, within: 0.013))
    }

    @Test("lines over the poles")
    func overThePoles() {
        // GeographicLib: 2233.8795909543887 m straight over the north pole.
        let north = Geodesic.distance(point(89.99, 0), point(89.99, 180))
        #expect(isClose(north, 2_233.879_591, within: 0.001))
        let viaPole =
            Geodesic.distance(point(89.99, 0), point(90, 0)) + Geodesic.distance(point(90, 0), point(89.99, 180))
        #expect(isClose(north, viaPole, within: 0.001))
        // GeographicLib: 11169.397927249096 m over the south pole.
        #expect(isClose(Geodesic.distance(point(-89.95, 45), point(-89.95, -135)), 11_169.397_927, within: 0.001))
        // GeographicLib: 1116.9397954771944 m from the pole itself; the pole's longitude does not matter.
        #expect(isClose(Geodesic.distance(point(90, 0), point(89.99, 37)), 1_116.939_795, within: 0.001))
        #expect(isClose(Geodesic.distance(point(90, 123), point(89.99, 37)), 1_116.939_795, within: 0.001))
    }

    @Test("textbook values on the equator and along a meridian")
    func knownValues() {
        // 2πa/360 exactly, and the meridian arc from the equator to 1° N (GeographicLib: 110574.38855779878 m).
        #expect(isClose(Geodesic.distance(point(0, 0), point(0, 1)), 111_319.490_793, within: 0.001))
        #expect(isClose(Geodesic.distance(point(0, 0), point(0, 0.5)), 55_659.745_397, within: 0.001))
        #expect(isClose(Geodesic.distance(point(0, 0), point(1, 0)), 110_574.388_558, within: 0.001))
        // Berlin to Munich, GeographicLib: 505912.8466989985 m.
        #expect(isClose(Geodesic.distance(point(52.5, 13.4), point(48.1, 11.6)), 505_912.846_699, within: 0.001))
    }

    @Test("distance grows with separation along a line")
    func monotonic() {
        let origin = point(52.5, 13.4)
        var previous = 0.0
        for metres in [0.001, 0.01, 1, 10, 100, 1_000, 50_000, 99_000, 100_500, 200_000] {
            let d = Geodesic.distance(origin, offset(origin, north: metres * 0.6, east: metres * 0.8))
            #expect(d > previous, "distance at \(metres) m is \(d), not above \(previous)")
            previous = d
        }
    }

    @Test("the plane approximation stays within 0.1 % of Vincenty up to 50 km, latitudes -85...85")
    func planeAgreesWithVincenty() async {
        await propertyCheck(
            count: 2_000,
            input: Gen.double(in: -85...85), Gen.double(in: -180...180), Gen.double(in: 0..<360),
            Gen.double(in: 0...50_000)
        ) { latitude, longitude, bearing, metres in
            let origin = point(latitude, longitude)
            let radians = bearing * .pi / 180
            var other = offset(origin, north: metres * cos(radians), east: metres * sin(radians))
            if other.longitude > 180 { other.longitude -= 360 }
            if other.longitude < -180 { other.longitude += 360 }
            let fast = Geodesic.distance(origin, other)
            let exact = Geodesic.vincentyDistance(origin, other)
            #expect(
                isClose(fast, exact, within: 0.001 * exact + 1e-6),
                "\(origin) -> \(other): distance \(fast) m, Vincenty \(exact) m")
        }
    }
}
