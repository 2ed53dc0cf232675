public import Foundation
public import Geo

/// The solar events ED-318 schedules may start or end at.
public enum SolarEvent: String, Sendable, Hashable, CaseIterable {
    /// Begin of morning civil twilight: the sun's centre 6° below the horizon, rising.
    case beginCivilTwilight = "BMCT"
    /// Sunrise: the upper limb on the horizon (zenith 90.833°, refraction included).
    case sunrise = "SR"
    /// Sunset.
    case sunset = "SS"
    /// End of evening civil twilight.
    case endCivilTwilight = "EECT"

    var zenithDegrees: Double {
        switch self {
        case .sunrise, .sunset: 90.833
        case .beginCivilTwilight, .endCivilTwilight: 96
        }
    }

    var isMorning: Bool { self == .beginCivilTwilight || self == .sunrise }

    /// When the event happens at `place` on the UTC day that starts at `day` (NOAA's solar position
    /// algorithm, refined once at the event's own time; good to about a minute between the polar circles).
    /// - Returns: `nil` when the sun does not reach the event's angle that day (polar day or night).
    public func time(on day: Date, at place: GeoPoint) -> Date? {
        var minutes = 720.0
        for _ in 0..<2 {
            let instant = day.addingTimeInterval(minutes * 60)
            guard let estimate = Self.eventMinutes(of: self, at: place, instant: instant) else { return nil }
            minutes = estimate
        }
        return day.addingTimeInterval(minutes * 60)
    }

    /// Minutes after 00:00 UTC of the event, from the sun's position at `instant`.
    private static func eventMinutes(of event: SolarEvent, at place: GeoPoint, instant: Date) -> Double? {
        let (declination, equationOfTime) = sunPosition(at: instant)
        let latitude = radians(place.latitude), delta = radians(declination)
        let cosine =
            cos(radians(event.zenithDegrees)) / (cos(latitude) * cos(delta)) - tan(latitude) * tan(delta)
        guard (-1...1).contains(cosine) else { return nil }
        let hourAngle = degrees(acos(cosine))
        let noon = 720 - 4 * place.longitude - equationOfTime
        return noon + (event.isMorning ? -4 * hourAngle : 4 * hourAngle)
    }

    /// The sun's declination (degrees) and the equation of time (minutes) at an instant.
    static func sunPosition(at instant: Date) -> (declination: Double, equationOfTime: Double) {
        let julianDay = instant.timeIntervalSince1970 / 86_400 + 2_440_587.5
        let t = (julianDay - 2_451_545) / 36_525
        let meanLongitude = (280.46646 + t * (36_000.76983 + t * 0.0003032)).truncatingRemainder(dividingBy: 360)
        let meanAnomaly = 357.52911 + t * (35_999.05029 - 0.0001537 * t)
        let eccentricity = 0.016708634 - t * (0.000042037 + 0.0000001267 * t)
        let m = radians(meanAnomaly)
        let centre =
            sin(m) * (1.914602 - t * (0.004817 + 0.000014 * t)) + sin(2 * m) * (0.019993 - 0.000101 * t)
            + sin(3 * m) * 0.000289
        let omega = radians(125.04 - 1_934.136 * t)
        let apparentLongitude = meanLongitude + centre - 0.00569 - 0.00478 * sin(omega)
        let meanObliquity = 23 + (26 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60) / 60
        let obliquity = radians(meanObliquity + 0.00256 * cos(omega))
        let declination = degrees(asin(sin(obliquity) * sin(radians(apparentLongitude))))
        let y = pow(tan(obliquity / 2), 2), l0 = radians(meanLongitude)
        let equationOfTime =
            4
            * degrees(
                y * sin(2 * l0) - 2 * eccentricity * sin(m) + 4 * eccentricity * y * sin(m) * cos(2 * l0)
                    - 0.5 * y * y * sin(4 * l0) - 1.25 * eccentricity * eccentricity * sin(2 * m))
        return (declination, equationOfTime)
    }

    private static func radians(_ degrees: Double) -> Double { degrees * .pi / 180 }
    private static func degrees(_ radians: Double) -> Double { radians * 180 / .pi }
}
