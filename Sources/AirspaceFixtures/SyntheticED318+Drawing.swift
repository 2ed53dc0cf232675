import Airspace
import Foundation
import Geo
import StrictJSON

/// A drawn geometry and what it must import as.
struct DrawnGeometry {
    var json: JSONValue
    var bands: [AltitudeBand]
    var radius: Double?
    var corners: [GeoPoint]
    var center: GeoPoint
    var invalid: Bool
}

/// A drawn applicability entry: the JSON, and the UTC spans it means.
struct DrawnSchedule {
    var json: JSONValue
    var spans: [Range<Int>]
    var converted: Bool
}

extension FeatureBuilder {
    mutating func drawGeometry(invalid: Bool) -> DrawnGeometry {
        let center = GeoPoint(
            latitude: rounded(
                Double.random(in: (SyntheticED318.south + 0.1)...(SyntheticED318.north - 0.1), using: &rng)),
            longitude: rounded(
                Double.random(in: (SyntheticED318.west + 0.1)...(SyntheticED318.east - 0.1), using: &rng)))
        let roll = invalid ? 9 : Int.random(in: 0..<10, using: &rng)
        if roll < 3 {
            let radius = Double(Int.random(in: 200...5_000, using: &rng))
            let (layer, band) = drawLayer()
            let json: JSONValue = .object([
                "type": "Point", "coordinates": position(center),
                "extent": .object(["subType": "Circle", "radius": .number(radius)]), "layer": layer,
            ])
            return DrawnGeometry(json: json, bands: [band], radius: radius, corners: [], center: center, invalid: false)
        }
        let corners = drawCorners(around: center, invalid: invalid)
        let ring: JSONValue = .array([.array((corners + [corners[0]]).map(position))])
        if roll == 3 {
            // Two layers of one outline, as airports publish them.
            let lower: JSONValue = .object([
                "upper": .number(60), "upperReference": "AGL", "lower": .number(0), "lowerReference": "AGL",
            ])
            let upper: JSONValue = .object([
                "upper": .number(150), "upperReference": "AGL", "lower": .number(60), "lowerReference": "AGL",
                "uom": "m",
            ])
            let json: JSONValue = .object([
                "type": "GeometryCollection",
                "geometries": .array([
                    .object(["type": "Polygon", "coordinates": ring, "layer": lower]),
                    .object(["type": "Polygon", "coordinates": ring, "layer": upper]),
                ]),
            ])
            let bands = [
                AltitudeBand(floor: .init(value: 0, reference: .agl), ceiling: .init(value: 60, reference: .agl)),
                AltitudeBand(floor: .init(value: 60, reference: .agl), ceiling: .init(value: 150, reference: .agl)),
            ]
            return DrawnGeometry(
                json: json, bands: bands, radius: nil, corners: corners, center: center, invalid: invalid)
        }
        let (layer, band) = drawLayer()
        return DrawnGeometry(
            json: .object(["type": "Polygon", "coordinates": ring, "layer": layer]), bands: [band], radius: nil,
            corners: corners, center: center, invalid: invalid)
    }

    /// A star-shaped ring around `center` (simple: its corners go round once, at least 70 % of the radius
    /// out); an invalid one has two neighbouring corners swapped, so that two edges cross.
    mutating func drawCorners(around center: GeoPoint, invalid: Bool) -> [GeoPoint] {
        let large = Int.random(in: 0..<10, using: &rng) == 0
        let count =
            invalid
            ? 40
            : large
                ? Int(exp(Double.random(in: log(300)...log(Double(max(301, maximumVertices))), using: &rng)))
                : Int.random(in: 12...300, using: &rng)
        let radius = Double.random(in: 300...6_000, using: &rng)
        let scale = WGS84.metresPerDegree(atLatitude: center.latitude)
        var corners: [GeoPoint] = []
        for k in 0..<count {
            let angle = 2 * Double.pi * Double(k) / Double(count)
            let distance = invalid ? radius : radius * Double.random(in: 0.7...1, using: &rng)
            corners.append(
                GeoPoint(
                    latitude: rounded(center.latitude + distance * cos(angle) / scale.north),
                    longitude: rounded(center.longitude + distance * sin(angle) / scale.east)))
        }
        if invalid { corners.swapAt(10, 11) }
        return corners
    }

    /// A layer and the band it means: metres or feet (or no `uom`, which means metres), AGL or AMSL.
    mutating func drawLayer() -> (JSONValue, AltitudeBand) {
        switch Int.random(in: 0..<4, using: &rng) {
        case 0:
            return (
                .object([
                    "upper": .number(99_999), "upperReference": "AGL", "lower": .number(0), "lowerReference": "AGL",
                    "uom": "m",
                ]),
                AltitudeBand(floor: .init(value: 0, reference: .agl), ceiling: .init(value: 99_999, reference: .agl))
            )
        case 1:
            let ceiling = Double(Int.random(in: 20...50, using: &rng) * 100)
            return (
                .object([
                    "upper": .number(ceiling), "upperReference": "AMSL", "lower": .number(0), "lowerReference": "AGL",
                    "uom": "ft",
                ]),
                AltitudeBand(
                    floor: .init(value: 0, unit: .feet, reference: .agl),
                    ceiling: .init(value: ceiling, unit: .feet, reference: .amsl))
            )
        case 2:
            return (
                .object(["upper": .number(120), "upperReference": "AGL", "lower": .number(0), "lowerReference": "AGL"]),
                AltitudeBand(floor: .init(value: 0, reference: .agl), ceiling: .init(value: 120, reference: .agl))
            )
        default:
            let floor = Double(Int.random(in: 3...10, using: &rng) * 10)
            return (
                .object([
                    "upper": .number(150), "upperReference": "AGL", "lower": .number(floor), "lowerReference": "AGL",
                    "uom": "m",
                ]),
                AltitudeBand(floor: .init(value: floor, reference: .agl), ceiling: .init(value: 150, reference: .agl))
            )
        }
    }

    /// One applicability entry for 2026: one or two periods, each drawn as a UTC span then written in local
    /// time at an offset, sometimes with fractional seconds.
    mutating func drawSchedule() -> DrawnSchedule {
        let offset = Self.offsets[Int.random(in: 0..<Self.offsets.count, using: &rng)]
        var periods: [JSONValue] = []
        var spans: [Range<Int>] = []
        var converted = offset != 0
        for _ in 0..<Int.random(in: 1...2, using: &rng) {
            let everyDay = Int.random(in: 0..<5, using: &rng) == 0
            let start = Int.random(in: 0..<(7 * 1_440), using: &rng) * 60
            let duration = Int.random(in: 30...(20 * 60), using: &rng) * 60
            let local = start + offset
            let dayIndex = Int((Double(local) / 86_400).rounded(.down))
            let localStart = local - dayIndex * 86_400
            let localDay = (dayIndex % 7 + 7) % 7
            let localEnd = (localStart + duration) % 86_400
            let fraction = Int.random(in: 0..<3, using: &rng)
            if fraction == 2 { converted = true }
            let days: [JSONValue] =
                everyDay ? ["ANY"] : [.string(["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"][localDay])]
            periods.append(
                .object([
                    "day": .array(days),
                    "startTime": .string(time(localStart, offset, fraction: fraction == 1 ? ".00" : "")),
                    "endTime": .string(time(localEnd, offset, fraction: fraction == 2 ? ".250" : "")),
                ]))
            // Day d's local start, in UTC seconds from Monday 00:00 UTC.
            for day in everyDay ? Array(0..<7) : [localDay] {
                let first = day * 86_400 + localStart - offset
                let wrapped = (first % Self.week + Self.week) % Self.week
                spans.append(wrapped..<(wrapped + duration))
            }
        }
        let json: JSONValue = .object([
            "startDateTime": "2026-01-01T00:00:00+01:00", "endDateTime": "2027-01-01T00:00:00.000+01:00",
            "schedule": .array(periods),
        ])
        return DrawnSchedule(json: json, spans: spans, converted: converted)
    }

    /// `hh:mm:ss[fraction]` at the offset: `Z` for UTC, else `±hh:mm`.
    func time(_ second: Int, _ offset: Int, fraction: String) -> String {
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let zone = offset == 0 ? "Z" : FullTime.formatOffset(offset)
        return "\(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60))\(fraction)\(zone)"
    }

    func position(_ point: GeoPoint) -> JSONValue {
        .array([.number(point.longitude), .number(point.latitude)])
    }

    func rounded(_ degrees: Double) -> Double { (degrees * 1e7).rounded() / 1e7 }
}
