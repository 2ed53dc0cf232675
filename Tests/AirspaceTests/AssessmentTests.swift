import Airspace
import Foundation
import Geo
import StrictJSON
import Testing

@Suite("Assessing a position")
struct AssessmentTests {
    let noon = try! RFC3339.parse("2026-11-28T12:00:00Z")

    func assess(
        _ fixture: BundleFixture = BundleFixture(), drone: String = "D1", mission: String = "M-1",
        lat: Double = 52.5163,
        lon: Double = 13.3777, alt: Double = 60, ref: AltitudeReference = .agl, time: String? = nil
    ) throws -> Assessment {
        let index = AirspaceIndex(bundle: try fixture.load())
        let when = try time.map { try RFC3339.parse($0) } ?? noon
        return index.assess(
            PositionQuery(
                drone: drone, mission: mission, position: GeoPoint(latitude: lat, longitude: lon), altitude: alt,
                altitudeReference: ref, time: when))
    }

    @Test("inside the operation area, in the band, authorised: compliant")
    func compliant() throws {
        let result = try assess()
        #expect(result.verdict == .compliant)
        #expect(result.reasons.isEmpty)
        #expect(result.warnings.isEmpty)
        #expect(result.zones[.operationArea] == ["OA-1"])
        #expect(result.authorisation == "AUTH-1")
        #expect(result.isAuthorisedHere)
        #expect(result.isCaptureAllowed)
        // 30 m above the 30 m AGL floor is the closest limit; the no-fly circle is 150 m away.
        #expect(result.nearestBoundary?.zone == "OA-1")
        #expect(abs(result.nearestBoundary!.metres - 30) < 1e-9)
        #expect(result.nearestBoundary?.isInside == true)
    }

    @Test("within the margin of the floor: compliant with a warning")
    func nearFloor() throws {
        let result = try assess(alt: 40)
        #expect(result.verdict == .compliant)
        #expect(result.warnings.map(\.code) == [.nearOperationAreaBoundary])
        #expect(result.warnings.first?.subject == "OA-1")
    }

    @Test("below the floor")
    func belowFloor() throws {
        let result = try assess(alt: 20)
        #expect(result.verdict == .breach)
        #expect(result.reasons.map(\.code) == [.belowFloor])
        #expect(result.reasons.first?.detail == "10.0 m below the floor")
        #expect(!result.isAuthorisedHere)
        #expect(result.zones[.operationArea].isEmpty)
    }

    @Test("exactly at the floor and at the ceiling is inside")
    func bandEdges() throws {
        #expect(try assess(alt: 30).verdict == .compliant)
        #expect(try assess(alt: 120).verdict == .compliant)
        #expect(try assess(alt: 120.01).reasons.map(\.code) == [.aboveCeiling])
    }

    @Test("a fix in WGS84 or feet is compared against AGL limits through the site datum")
    func otherReferences() throws {
        // Ceiling 120 m AGL = 154 m AMSL = 193.6 m above the ellipsoid.
        #expect(try assess(alt: 193.5, ref: .wgs84).verdict == .compliant)
        let above = try assess(alt: 200, ref: .wgs84)
        #expect(above.reasons.first?.code == .aboveCeiling)
        #expect(above.reasons.first?.detail == "6.4 m above the ceiling")
        #expect(try assess(alt: 150, ref: .amsl).verdict == .compliant)
        #expect(try assess(alt: 63, ref: .amsl).reasons.first?.code == .belowFloor)
    }

    @Test("outside the operation area, with the distance back to it")
    func outside() throws {
        let result = try assess(lat: 52.5250)
        #expect(result.verdict == .breach)
        #expect(result.reasons.map(\.code) == [.outsideOperationArea])
        #expect(result.reasons.first?.subject == "OA-1")
        let expected = Geodesic.distance(
            GeoPoint(latitude: 52.5250, longitude: 13.3777), GeoPoint(latitude: 52.5213, longitude: 13.3777))
        #expect(result.nearestBoundary?.zone == "OA-1")
        #expect(abs(result.nearestBoundary!.metres - expected) < 0.01)
        #expect(result.nearestBoundary?.isInside == false)
    }

    @Test("on the edge of the operation area counts as inside")
    func onEdge() throws {
        let result = try assess(lat: 52.5163, lon: 13.3727)
        #expect(result.verdict == .compliant)
        #expect(result.nearestBoundary!.metres < 0.001)
        // A centimetre outside the edge is outside.
        let lonPerMetre = 1 / WGS84.metresPerDegree(atLatitude: 52.5163).east
        #expect(try assess(lat: 52.5163, lon: 13.3727 - 0.01 * lonPerMetre).verdict == .breach)
    }

    @Test("inside an active no-fly zone")
    func inNoFly() throws {
        let result = try assess(lat: 52.5190)
        #expect(result.verdict == .breach)
        #expect(result.reasons.map(\.code) == [.inNoFly])
        #expect(result.reasons.first?.subject == "NF-1")
        #expect(result.zones[.noFly] == ["NF-1"])
        // The edge is 150 m away, the band's floor (0 m AGL) 60 m below: the nearest limit is the floor.
        #expect(result.reasons.first?.detail == "inside the no-fly zone, 60.0 m from its nearest limit")
        #expect(result.reasons.first?.metres == 60)
        // The floor of the operation area, 30 m below, is still the nearest limit.
        #expect(result.nearestBoundary?.zone == "OA-1")
    }

    @Test("within the margin of a no-fly zone: a warning with the distance")
    func nearNoFly() throws {
        // 180 m south of the centre of a 150 m circle.
        let lat = 52.5190 - 180 / WGS84.metresPerDegree(atLatitude: 52.5190).north
        let result = try assess(lat: lat)
        #expect(result.verdict == .compliant)
        #expect(result.warnings.map(\.code) == [.nearNoFly])
        #expect(result.nearestBoundary?.zone == "NF-1")
        #expect(abs(result.nearestBoundary!.metres - 30) < 0.05)
    }

    @Test("a no-fly zone outside its window does not apply")
    func inactiveNoFly() throws {
        var fixture = BundleFixture()
        fixture.editProperties("NF-1") { $0["window"] = .object(["until": "2026-11-28T10:00:00Z"]) }
        #expect(try assess(fixture, lat: 52.5190).verdict == .compliant)
        #expect(try assess(fixture, lat: 52.5190, time: "2026-11-28T09:59:59Z").reasons.map(\.code) == [.inNoFly])
    }

    @Test("over a no-capture zone: compliant, capture not allowed; in its hole: allowed")
    func noCapture() throws {
        let over = try assess(lat: 52.51475, lon: 13.3740)
        #expect(over.verdict == .compliant)
        #expect(over.zones[.noCapture] == ["NC-1"])
        #expect(!over.isCaptureAllowed)
        let hole = try assess(lat: 52.5140, lon: 13.3740)
        #expect(hole.zones[.noCapture].isEmpty)
        #expect(hole.isCaptureAllowed)
        let near = try assess(lat: 52.5151, lon: 13.3740)
        #expect(near.isCaptureAllowed)
        #expect(near.warnings.map(\.code) == [.nearNoCapture])
    }

    @Test("a drone or mission without authorisation")
    func unauthorised() throws {
        let drone = try assess(drone: "D9")
        #expect(drone.reasons.map(\.code) == [.noAuthorisation])
        #expect(drone.authorisation == nil)
        #expect(!drone.isAuthorisedHere)
        #expect(try assess(mission: "M-9").reasons.map(\.code) == [.noAuthorisation])
    }

    @Test("the authorisation window: from inclusive, until exclusive")
    func authorisationWindow() throws {
        #expect(try assess(time: "2026-11-28T07:59:59Z").reasons.map(\.code) == [.authorisationNotYetValid])
        #expect(try assess(time: "2026-11-28T08:00:00Z").verdict == .compliant)
        #expect(try assess(time: "2026-11-28T19:59:59.999Z").verdict == .compliant)
        let expired = try assess(time: "2026-11-28T20:00:00Z")
        #expect(expired.reasons.map(\.code) == [.authorisationExpired])
        #expect(expired.reasons.first?.subject == "AUTH-1")
    }

    @Test("an operation area outside its weekly schedule")
    func scheduledArea() throws {
        var fixture = BundleFixture()
        fixture.editProperties("OA-1") {
            $0["schedule"] = .array([.object(["days": .array(["SAT"]), "start": "09:00", "end": "17:00"])])
        }
        #expect(try assess(fixture, time: "2026-11-28T08:30:00Z").reasons.map(\.code) == [.operationAreaInactive])
        #expect(try assess(fixture, time: "2026-11-28T09:00:00Z").verdict == .compliant)
        #expect(try assess(fixture, time: "2026-11-28T17:00:00Z").reasons.map(\.code) == [.operationAreaInactive])
    }

    @Test("several breaches are all reported")
    func severalBreaches() throws {
        let result = try assess(lat: 52.5190, alt: 20)
        #expect(result.reasons.map(\.code) == [.belowFloor, .inNoFly])
    }

    @Test("the JSON answer has stable field names")
    func json() throws {
        let text = JSONWriter.write(.object(try assess(alt: 40).json))
        #expect(
            text == #"{"verdict":"compliant","reasons":[],"warnings":[{"code":"near_operation_area_boundary","#
                + #""subject":"OA-1","distance_m":10.0,"detail":"10.0 m from the area's limits, margin 25.0 m"}],"zones":{"#
                + #""operation_area":["OA-1"],"no_fly":[],"no_capture":[]},"authorised":true,"authorisation":"AUTH-1","#
                + #""capture_allowed":true,"nearest_boundary":{"zone":"OA-1","kind":"operation_area","distance_m":10.0,"#
                + #""inside":true}}"#)
    }
}
