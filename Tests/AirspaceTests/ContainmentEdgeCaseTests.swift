import Airspace
import AirspaceFixtures
import Foundation
import Geo
import Testing

/// The places where containment tests classically go wrong, for every zone kind and every path that asks: the
/// shape itself (`contains`, `locate`), the listing (`zones(containing:)`) and the full assessment (zones by
/// kind, a no-fly breach, capture allowed, authorised here).
@Suite("Containment at vertex latitudes, extents and vertical limits")
struct ContainmentEdgeCaseTests {
    static let time = Date(timeIntervalSince1970: 1_800_000_000)
    static let datum = VerticalDatum(groundElevationAMSL: 34, geoidUndulation: 39.6)

    /// What every path says about one point of a one-zone bundle; all must agree.
    struct Answers {
        var shape: Bool
        var located: Bool
        var listed: Bool
        var assessed: Bool

        var all: [Bool] { [shape, located, listed, assessed] }
    }

    static func answers(
        _ shape: Shape, kind: ZoneKind, margin: Double = 0, band: AltitudeBand = .unlimited, at p: GeoPoint,
        altitude: Double = 60, reference: AltitudeReference = .agl
    ) -> Answers {
        let zone = Zone(
            id: "Z", name: "Z", kind: kind, shape: shape, band: band, marginMetres: margin,
            missions: kind == .operationArea ? ["M"] : [])
        let authorisation = Authorisation(
            id: "A", mission: "M", drones: ["D"], operationAreas: kind == .operationArea ? ["Z"] : [],
            validFrom: time.addingTimeInterval(-60), validUntil: time.addingTimeInterval(60), authority: "T",
            legalReference: "T", justification: "T")
        let index = AirspaceIndex(
            bundle: SiteBundle(
                site: SiteSettings(name: "T", datum: datum), zones: [zone], authorisations: [authorisation]))
        let assessment = index.assess(
            PositionQuery(
                drone: "D", mission: "M", position: p, altitude: altitude, altitudeReference: reference, time: time))
        let assessed =
            switch kind {
            case .operationArea: assessment.isAuthorisedHere
            case .noFly: assessment.reasons.contains { $0.code == .inNoFly }
            case .noCapture: !assessment.isCaptureAllowed
            }
        #expect(assessment.zones[kind].contains("Z") == assessed)
        return Answers(
            shape: shape.contains(p), located: shape.locate(p).isInside,
            listed: !index.zones(containing: p, at: time).isEmpty, assessed: assessed)
    }

    static let kinds: [(ZoneKind, Double)] = [
        (.noFly, 50), (.noCapture, 0), (.noCapture, 20), (.operationArea, 0), (.operationArea, 25),
    ]

    static func polygon(_ corners: [(lon: Double, lat: Double)]) -> Shape {
        let ring = (corners + [corners[0]]).map { GeoPoint(latitude: $0.lat, longitude: $0.lon) }
        return .polygon(try! Polygon(rings: [ring]))
    }

    @Test("inside a kite, on the latitude of its side corners, is inside on every path", arguments: kinds)
    func kiteCorners(kind: ZoneKind, margin: Double) {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<300 {
            let lat = Double.random(in: -60...60, using: &rng), lon = Double.random(in: -170...170, using: &rng)
            let d = Double.random(in: 0.0005...0.01, using: &rng)
            // Unequal halves, so that the corners' latitude is not the frame's origin and rounds.
            let south = d * Double.random(in: 0.3...1, using: &rng), north = d * Double.random(in: 0.3...1, using: &rng)
            let kite = Self.polygon([(lon, lat - south), (lon + d, lat), (lon, lat + north), (lon - d, lat)])
            let p = GeoPoint(latitude: lat, longitude: lon + d * Double.random(in: -0.95...0.95, using: &rng))
            let inside = Self.answers(kite, kind: kind, margin: margin, at: p)
            #expect(inside.all == [true, true, true, true], "\(p) in the kite at \(lat), \(lon): \(inside)")
            // Level with the side corners but outside: the ray from it passes through both.
            let west = GeoPoint(latitude: lat, longitude: lon - d * Double.random(in: 1.1...3, using: &rng))
            let outside = Self.answers(kite, kind: kind, margin: margin, at: west)
            #expect(outside.all == [false, false, false, false], "\(west) west of the kite: \(outside)")
        }
    }

    @Test(
        "inside a rectilinear outline, on the latitude of its inner corners, is inside on every path", arguments: kinds)
    func rectilinearCorners(kind: ZoneKind, margin: Double) {
        var rng = SplitMix64(seed: 11)
        for _ in 0..<200 {
            let lat = Double.random(in: -60...60, using: &rng), lon = Double.random(in: -170...170, using: &rng)
            let d = Double.random(in: 0.001...0.01, using: &rng)
            // A block with a notch in its top: corners at the notch's depth on both sides of it.
            let depth = lat + d * Double.random(in: -0.8...0.8, using: &rng)
            let block = Self.polygon([
                (lon - d, lat - d), (lon + d, lat - d), (lon + d, lat + d), (lon + d / 3, lat + d),
                (lon + d / 3, depth), (lon - d / 3, depth), (lon - d / 3, lat + d), (lon - d, lat + d),
            ])
            for x in [-0.9, -0.5, 0, 0.5, 0.9] {
                let p = GeoPoint(latitude: depth, longitude: lon + x * d)
                let inside = Self.answers(block, kind: kind, margin: margin, at: p)
                #expect(inside.all == [true, true, true, true], "\(p) in the block at \(lat), \(lon): \(inside)")
            }
            for x in [-1.5, 1.5] {
                let p = GeoPoint(latitude: lat + d, longitude: lon + x * d)
                let outside = Self.answers(block, kind: kind, margin: margin, at: p)
                #expect(outside.all == [false, false, false, false], "\(p) level with the top: \(outside)")
            }
        }
    }

    @Test("within 1 mm beyond the extreme latitude or longitude is inside; 2 mm beyond is outside", arguments: kinds)
    func justBeyondTheExtent(kind: ZoneKind, margin: Double) {
        let lat = 47.3769, lon = 8.5417, d = 0.002
        let scale = WGS84.metresPerDegree(atLatitude: lat)
        let triangle = Self.polygon([(lon - d, lat - d), (lon + d, lat - d), (lon, lat + d)])
        let circle = Shape.circle(try! Circle(center: GeoPoint(latitude: lat, longitude: lon), radius: 150))
        let apex = GeoPoint(latitude: lat + d, longitude: lon)
        let corner = GeoPoint(latitude: lat - d, longitude: lon + d)
        let north = GeoPoint(latitude: lat + 150 / scale.north, longitude: lon)
        for (shape, point) in [(triangle, apex), (triangle, corner), (circle, north)] {
            for (metres, inside) in [(0.0005, true), (0.0009, true), (0.002, false), (0.01, false)] {
                let beyondNorth = GeoPoint(
                    latitude: point.latitude + (point.latitude >= lat ? 1 : -1) * metres / scale.north,
                    longitude: point.longitude)
                let beyondEast = GeoPoint(latitude: point.latitude, longitude: point.longitude + metres / scale.east)
                for p in shape == circle ? [beyondNorth] : [beyondNorth, beyondEast] {
                    let answers = Self.answers(shape, kind: kind, margin: margin, at: p)
                    #expect(
                        answers.all == Array(repeating: inside, count: 4), "\(metres) m beyond \(point): \(answers)")
                }
            }
        }
    }

    @Test("a fix exactly on a floor stated in another reference is inside; 2 mm below is not", arguments: kinds)
    func exactlyOnTheFloor(kind: ZoneKind, margin: Double) {
        let centre = GeoPoint(latitude: 47.3769, longitude: 8.5417)
        let circle = Shape.circle(try! Circle(center: centre, radius: 150))
        var rng = SplitMix64(seed: 3)
        var landedBelow = 0
        for _ in 0..<500 {
            // A floor in feet in one reference, the fix in metres in another: they meet through the foot, the
            // geoid and the ground, each a rounding.
            let references = AltitudeReference.allCases.shuffled(using: &rng)
            let feet = (Double.random(in: 100...900, using: &rng) * 100).rounded() / 100
            let floor = AltitudeLimit(value: feet, unit: .feet, reference: references[0])
            let band = AltitudeBand(floor: floor, ceiling: nil)
            let fix = Self.datum.convert(amsl: Self.datum.amsl(feet * 0.3048, references[0]), to: references[1])
            if Self.datum.amsl(fix, references[1]) < band.resolved(in: Self.datum).floorAMSL { landedBelow += 1 }
            let on = Self.answers(
                circle, kind: kind, margin: margin, band: band, at: centre, altitude: fix, reference: references[1])
            #expect(on.assessed, "on the floor \(feet) ft \(references[0]) as \(fix) m \(references[1])")
            let below = Self.answers(
                circle, kind: kind, margin: margin, band: band, at: centre, altitude: fix - 0.002,
                reference: references[1])
            #expect(!below.assessed, "2 mm below the floor \(feet) ft \(references[0])")
        }
        // The case the tolerance is for must occur, or this test proves nothing.
        #expect(landedBelow > 0)
    }
}
