import Geo
import Testing

@Suite("Altitude references, units and bands")
struct AltitudeTests {
    /// A site on ground 34 m above mean sea level where the geoid is 39.6 m above the ellipsoid.
    let datum = VerticalDatum(groundElevationAMSL: 34, geoidUndulation: 39.6)

    @Test("AGL, AMSL and WGS84 heights convert to AMSL")
    func toAMSL() {
        #expect(datum.amsl(120, .agl) == 154)
        #expect(datum.amsl(154, .amsl) == 154)
        #expect(isClose(datum.amsl(193.6, .wgs84), 154, within: 1e-9))
        #expect(datum.amsl(0, .agl) == 34)
        #expect(isClose(datum.amsl(0, .wgs84), -39.6, within: 1e-9))
        #expect(datum.amsl(-10, .agl) == 24)
    }

    @Test("AMSL converts back to every reference")
    func fromAMSL() {
        #expect(datum.convert(amsl: 154, to: .agl) == 120)
        #expect(datum.convert(amsl: 154, to: .amsl) == 154)
        #expect(isClose(datum.convert(amsl: 154, to: .wgs84), 193.6, within: 1e-9))
        #expect(datum.convert(amsl: 34, to: .agl) == 0)
    }

    @Test("converting to AMSL and back is the identity for every reference", arguments: AltitudeReference.allCases)
    func roundTrip(_ reference: AltitudeReference) {
        for value in [-50.0, 0, 12.5, 120, 3_000] {
            let back = datum.convert(amsl: datum.amsl(value, reference), to: reference)
            #expect(isClose(back, value, within: 1e-9), "\(value) \(reference.rawValue)")
        }
    }

    @Test("references and units read their wire names")
    func rawValues() {
        #expect(AltitudeReference(rawValue: "AGL") == .agl)
        #expect(AltitudeReference(rawValue: "AMSL") == .amsl)
        #expect(AltitudeReference(rawValue: "WGS84") == .wgs84)
        #expect(AltitudeReference(rawValue: "agl") == nil)
        #expect(LengthUnit(rawValue: "m") == .metres)
        #expect(LengthUnit(rawValue: "ft") == .feet)
        #expect(LengthUnit(rawValue: "FT") == nil)
    }

    @Test("a foot is exactly 0.3048 m")
    func feet() {
        #expect(LengthUnit.feet.metres == 0.3048)
        #expect(LengthUnit.metres.metres == 1)
        let limit = AltitudeLimit(value: 400, unit: .feet, reference: .agl)
        #expect(isClose(limit.amsl(in: datum), 400 * 0.3048 + 34, within: 1e-9))
        let amsl = AltitudeLimit(value: 1_000, unit: .feet, reference: .amsl)
        #expect(isClose(amsl.amsl(in: datum), 304.8, within: 1e-9))
        let gnss = AltitudeLimit(value: 500, unit: .feet, reference: .wgs84)
        #expect(isClose(gnss.amsl(in: datum), 152.4 - 39.6, within: 1e-9))
    }

    @Test("a limit defaults to metres")
    func defaultUnit() {
        let limit = AltitudeLimit(value: 120, reference: .agl)
        #expect(limit.unit == .metres)
        #expect(limit.amsl(in: datum) == 154)
    }

    @Test("a band with a floor above ground and a ceiling above sea level")
    func mixedBand() {
        let band = AltitudeBand(
            floor: AltitudeLimit(value: 30, reference: .agl),
            ceiling: AltitudeLimit(value: 500, unit: .feet, reference: .amsl))
        let resolved = band.resolved(in: datum)
        #expect(resolved.floorAMSL == 64)
        #expect(isClose(resolved.ceilingAMSL, 152.4, within: 1e-9))
        #expect(!resolved.isEmpty)
    }

    @Test("both limits are inclusive: exactly on the floor or the ceiling is within")
    func inclusiveEdges() {
        let band = ResolvedBand(floorAMSL: 64, ceilingAMSL: 154)
        #expect(band.locate(64) == .within(clearance: 0))
        #expect(band.locate(154) == .within(clearance: 0))
        #expect(band.locate(64).isWithin && band.locate(154).isWithin)
        #expect(band.locate(64).excess == 0)
        #expect(band.locate(100) == .within(clearance: 36))
        #expect(band.locate(140) == .within(clearance: 14))
    }

    @Test("below the floor and above the ceiling report by how much")
    func outside() {
        let band = ResolvedBand(floorAMSL: 64, ceilingAMSL: 154)
        #expect(band.locate(50) == .below(by: 14))
        #expect(band.locate(50).excess == 14)
        #expect(!band.locate(50).isWithin)
        #expect(band.locate(200) == .above(by: 46))
        #expect(band.locate(200).excess == 46)
        #expect(!band.locate(200).isWithin)
        // Within the 1 mm tolerance a limit counts as reached; beyond it the excess is the whole distance.
        #expect(band.locate(63.999).isWithin)
        #expect(band.locate(154.001).isWithin)
        #expect(band.locate(154.001) == .within(clearance: 0))
        #expect(!band.locate(63.9985).isWithin)
        #expect(isClose(band.locate(154.0015).excess, 0.0015, within: 1e-9))
    }

    @Test("a drone's GNSS height checked against an AGL band")
    func gnssAgainstAGL() {
        let band = AltitudeBand(floor: nil, ceiling: AltitudeLimit(value: 120, reference: .agl)).resolved(in: datum)
        // 120 m AGL is 154 m AMSL is 193.6 m above the ellipsoid.
        #expect(band.locate(datum.amsl(193.6, .wgs84)).isWithin)
        let over = band.locate(datum.amsl(200, .wgs84))
        #expect(!over.isWithin)
        #expect(isClose(over.excess, 6.4, within: 1e-9))
    }

    @Test("an unlimited band holds every altitude with infinite clearance")
    func unlimited() {
        let band = AltitudeBand.unlimited.resolved(in: datum)
        #expect(band.floorAMSL == -.infinity)
        #expect(band.ceilingAMSL == .infinity)
        for altitude in [-500.0, 0, 154, 30_000] {
            #expect(band.locate(altitude) == .within(clearance: .infinity))
        }
        #expect(AltitudeBand.unlimited == AltitudeBand(floor: nil, ceiling: nil))
    }

    @Test("one-sided bands")
    func oneSided() {
        let floorOnly = AltitudeBand(floor: AltitudeLimit(value: 50, reference: .agl), ceiling: nil).resolved(in: datum)
        #expect(floorOnly.locate(84) == .within(clearance: 0))
        #expect(floorOnly.locate(10_000) == .within(clearance: 10_000 - 84))
        #expect(floorOnly.locate(83) == .below(by: 1))
        let ceilingOnly = AltitudeBand(floor: nil, ceiling: AltitudeLimit(value: 100, reference: .amsl))
            .resolved(in: datum)
        #expect(ceilingOnly.locate(-1_000) == .within(clearance: 1_100))
        #expect(ceilingOnly.locate(101) == .above(by: 1))
    }

    @Test("a band whose floor is above its ceiling is empty and holds nothing")
    func emptyBand() {
        let band = ResolvedBand(floorAMSL: 200, ceilingAMSL: 100)
        #expect(band.isEmpty)
        #expect(!band.locate(150).isWithin)
        #expect(!ResolvedBand(floorAMSL: 100, ceilingAMSL: 100).isEmpty)
        #expect(ResolvedBand(floorAMSL: 100, ceilingAMSL: 100).locate(100).isWithin)
    }
}
