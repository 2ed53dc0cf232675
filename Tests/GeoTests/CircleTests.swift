import Foundation
import Geo
import Testing

@Suite("Circle")
struct CircleTests {
    let centre = point(52.5163, 13.3777)

    @Test("inside, on the rim and outside a 200 m circle")
    func insideAndOutside() throws {
        let circle = try Circle(center: centre, radius: 200)
        #expect(circle.contains(centre))
        #expect(circle.contains(offset(centre, north: 199.99)))
        #expect(circle.contains(offset(centre, north: 130, east: -150)))
        #expect(!circle.contains(offset(centre, north: 200.01)))
        #expect(!circle.contains(offset(centre, east: 200.01)))
        #expect(!circle.contains(offset(centre, north: -141.43, east: -141.43)))
        #expect(!circle.contains(point(48.1, 11.6)))
    }

    @Test("the rim counts as inside within the 1 mm boundary tolerance, not beyond")
    func rimTolerance() throws {
        let rim = offset(centre, north: 120, east: 160)
        let d = Geodesic.distance(centre, rim)
        #expect(isClose(d, 200, within: 0.01))
        #expect(try Circle(center: centre, radius: d).contains(rim))
        #expect(try Circle(center: centre, radius: d - 0.0005).contains(rim))
        #expect(try !Circle(center: centre, radius: d - 0.002).contains(rim))
        #expect(try !Circle(center: centre, radius: d - 0.01).contains(rim))
    }

    @Test("locate reports the distance to the rim on both sides")
    func locate() throws {
        let circle = try Circle(center: centre, radius: 200)
        let middle = circle.locate(centre)
        #expect(middle.isInside)
        #expect(isClose(middle.distanceToBoundary, 200, within: 1e-9))
        let inside = circle.locate(offset(centre, east: 150))
        #expect(inside.isInside)
        #expect(isClose(inside.distanceToBoundary, 50, within: 0.001))
        let outside = circle.locate(offset(centre, north: -275))
        #expect(!outside.isInside)
        #expect(isClose(outside.distanceToBoundary, 75, within: 0.001))
        let onRim = circle.locate(offset(centre, east: 200))
        #expect(onRim.isInside)
        #expect(onRim.distanceToBoundary < 0.001)
    }

    @Test("a circle near the north pole contains the pole and points beyond it")
    func aroundThePole() throws {
        let circle = try Circle(center: point(89.999, 0), radius: 200)
        // The pole is 111.7 m from the centre, whatever longitude it is written with.
        #expect(circle.contains(point(90, 0)))
        #expect(circle.contains(point(90, 137)))
        #expect(circle.contains(point(90, -180)))
        // 0.0005° beyond the pole on the far meridian: 111.7 + 55.8 m.
        #expect(circle.contains(point(89.9995, 180)))
        #expect(circle.contains(point(89.999, 90)))
        #expect(!circle.contains(point(89.9985, 180)))
        #expect(!circle.contains(point(89.997, 0)))
        #expect(circle.boundingBoxes.count == 1)
        let box = try #require(circle.boundingBoxes.first)
        #expect(box.minLongitude == -180 && box.maxLongitude == 180 && box.maxLatitude == 90)
        #expect(box.contains(point(89.9995, 180)))
    }

    @Test("a circle near the south pole")
    func aroundTheSouthPole() throws {
        let circle = try Circle(center: point(-89.9995, 45), radius: 100)
        #expect(circle.contains(point(-90, 0)))
        #expect(circle.contains(point(-89.9999, -135)))
        #expect(!circle.contains(point(-89.998, 45)))
        #expect(circle.boundingBoxes.allSatisfy { $0.minLatitude == -90 })
    }

    @Test("a circle across the antimeridian has two boxes and contains points on both sides")
    func acrossTheAntimeridian() throws {
        let circle = try Circle(center: point(10, 179.999), radius: 1_000)
        #expect(circle.boundingBoxes.count == 2)
        #expect(circle.boundingBoxes.contains { $0.maxLongitude == 180 })
        #expect(circle.boundingBoxes.contains { $0.minLongitude == -180 })
        let inside = [
            point(10, 179.995), point(10, 180), point(10, -180), point(10, -179.995), point(10.005, -179.999),
        ]
        for p in inside {
            #expect(circle.contains(p), "\(p) is \(Geodesic.distance(circle.center, p)) m away")
            #expect(circle.boundingBoxes.contains { $0.contains(p) }, "\(p) is in no bounding box")
        }
        #expect(!circle.contains(point(10, -179.99)))
        #expect(!circle.contains(point(10, 179.989)))
        #expect(!circle.contains(point(10, 0)))
        #expect(!circle.contains(point(10, -0.001)))
    }

    @Test(
        "non-finite, non-positive and oversized radii are refused",
        arguments: [0, -0.0, -1, -200, .nan, .infinity, -.infinity, 1_000_000.001, 2_000_000, .greatestFiniteMagnitude])
    func invalidRadius(_ radius: Double) {
        do {
            _ = try Circle(center: centre, radius: radius)
            Issue.record("radius \(radius) was accepted")
        } catch {
            #expect(error.issues.count == 1)
            #expect(error.issues.first?.path == "radius_m")
            #expect(error.issues.first?.value == "\(radius)")
            #expect(error.issues.first?.problem.contains("1000000") == true)
        }
    }

    @Test(
        "radii from a millimetre to the 1,000 km maximum are accepted", arguments: [0.001, 1, 200, 50_000, 1_000_000])
    func validRadius(_ radius: Double) throws {
        let circle = try Circle(center: centre, radius: radius)
        #expect(circle.radius == radius)
        #expect(circle.center == centre)
        #expect(Circle.maximumRadius == 1_000_000)
    }

    @Test(
        "every point inside the circle lies in one of its bounding boxes",
        arguments: [
            (52.5163, 13.3777, 200.0), (10, 179.999, 1_000), (0, 0, 1_000_000), (45, 7, 1_000_000),
            (60, 25, 300_000), (89, 0, 50_000), (-70, -60, 500_000), (-33.9, 151.2, 20_000),
        ])
    func boxesCoverTheCircle(_ latitude: Double, _ longitude: Double, _ radius: Double) throws {
        let circle = try Circle(center: point(latitude, longitude), radius: radius)
        var checked = 0
        var missed: [GeoPoint] = []
        for step in 0..<720 {
            guard let p = rimPoint(of: circle, bearing: Double(step) / 2, fraction: 0.999) else { continue }
            checked += 1
            #expect(circle.contains(p))
            if !circle.boundingBoxes.contains(where: { $0.contains(p) }) { missed.append(p) }
        }
        #expect(checked > 600)
        let example = missed.first.map { "\($0), \(Geodesic.distance(circle.center, $0)) m from the centre" } ?? ""
        #expect(
            missed.isEmpty,
            "\(missed.count) of \(checked) points inside the circle are in no bounding box, e.g. \(example)")
    }

    @Test("a large circle at 60° N: a point 999.45 km from the centre is in its bounding boxes")
    func largeCircleBoxRepro() throws {
        let circle = try Circle(center: point(60, 0), radius: 1_000_000)
        let p = point(61.24, 18.14)  // GeographicLib: 999451.5148567479 m from (60, 0)
        #expect(circle.contains(p))
        #expect(circle.boundingBoxes.contains { $0.contains(p) }, "boxes \(circle.boundingBoxes)")
    }

    @Test("a 50 km circle at 89° N: a point 49.84 km from the centre is in its bounding boxes")
    func polarCircleBoxRepro() throws {
        let circle = try Circle(center: point(89, 0), radius: 50_000)
        let p = point(89.1, 26.5)  // GeographicLib: 49838.720783109115 m from (89, 0)
        #expect(circle.contains(p))
        #expect(circle.boundingBoxes.contains { $0.contains(p) }, "boxes \(circle.boundingBoxes)")
    }

    /// The point `fraction` of the radius from the centre, found by bisection with ``Geodesic/distance`` along a
    /// straight ray in the longitude/latitude plane; `nil` where the ray runs over a pole first.
    private func rimPoint(of circle: Circle, bearing: Double, fraction: Double) -> GeoPoint? {
        let scale = WGS84.metresPerDegree(atLatitude: circle.center.latitude)
        let target = circle.radius * fraction
        let radians = bearing * .pi / 180
        let north = cos(radians) / scale.north
        let east = sin(radians) / max(scale.east, 1e-3)
        func along(_ metres: Double) -> GeoPoint? {
            let latitude = circle.center.latitude + metres * north
            guard latitude.magnitude <= 90 else { return nil }
            return point(latitude, wrapLongitude(circle.center.longitude + metres * east))
        }
        var low = 0.0
        var high = target
        while true {
            guard let p = along(high) else { return nil }
            if Geodesic.distance(circle.center, p) >= target { break }
            low = high
            high *= 2
        }
        for _ in 0..<80 {
            let middle = (low + high) / 2
            if let p = along(middle), Geodesic.distance(circle.center, p) < target {
                low = middle
            } else {
                high = middle
            }
        }
        return along(low)
    }

    @Test("the shape wrapper forwards to the circle")
    func asShape() throws {
        let circle = try Circle(center: centre, radius: 200)
        let shape = Shape.circle(circle)
        #expect(shape.boundingBoxes == circle.boundingBoxes)
        #expect(shape.contains(offset(centre, east: 150)))
        #expect(!shape.contains(offset(centre, east: 250)))
        #expect(shape.locate(offset(centre, east: 250)) == circle.locate(offset(centre, east: 250)))
    }
}
