import Airspace
import Foundation
import Geo
import Testing

@Suite("Solar events (NOAA algorithm)")
struct SolarEventTests {
    static let berlin = GeoPoint(latitude: 52.52, longitude: 13.405)

    /// Minutes between the computed event and a published time.
    func error(_ event: SolarEvent, _ day: String, _ place: GeoPoint, published: String) throws -> Double {
        let computed = try #require(event.time(on: ImportSamples.time(day + "T00:00:00Z"), at: place))
        return abs(computed.timeIntervalSince(ImportSamples.time(published))) / 60
    }

    @Test("Berlin at the 2026 summer solstice: sunrise 04:43 CEST, sunset 21:33 CEST")
    func berlinSolstice() throws {
        #expect(try error(.sunrise, "2026-06-21", Self.berlin, published: "2026-06-21T02:43:00Z") < 2)
        #expect(try error(.sunset, "2026-06-21", Self.berlin, published: "2026-06-21T19:33:00Z") < 2)
    }

    @Test("civil twilight begins before sunrise and ends after sunset, by about 40 minutes in Berlin in November")
    func civilTwilight() throws {
        let day = ImportSamples.time("2026-11-28T00:00:00Z")
        let dawn = try #require(SolarEvent.beginCivilTwilight.time(on: day, at: Self.berlin))
        let sunrise = try #require(SolarEvent.sunrise.time(on: day, at: Self.berlin))
        let sunset = try #require(SolarEvent.sunset.time(on: day, at: Self.berlin))
        let dusk = try #require(SolarEvent.endCivilTwilight.time(on: day, at: Self.berlin))
        #expect((35...45).contains(sunrise.timeIntervalSince(dawn) / 60))
        #expect((35...45).contains(dusk.timeIntervalSince(sunset) / 60))
    }

    @Test("the equator at the March equinox: day and night of about 12 hours; polar night has no sunrise")
    func equinoxAndPolarNight() throws {
        let day = ImportSamples.time("2026-03-20T00:00:00Z")
        let equator = GeoPoint(latitude: 0, longitude: 0)
        let sunrise = try #require(SolarEvent.sunrise.time(on: day, at: equator))
        let sunset = try #require(SolarEvent.sunset.time(on: day, at: equator))
        #expect(abs(sunset.timeIntervalSince(sunrise) / 3_600 - 12.1) < 0.1)
        let tromsoWinter = ImportSamples.time("2026-12-21T00:00:00Z")
        #expect(SolarEvent.sunrise.time(on: tromsoWinter, at: GeoPoint(latitude: 69.65, longitude: 18.96)) == nil)
    }
}
