import Foundation
import Geo
import StrictJSON

/// What ED-269 and ED-318 read the same way: countries, reasons, schedule periods, altitude limits, circles.
enum EDCommon {
    static func country(_ reader: FieldReader) {
        guard let country = reader.optionalString("country") else { return }
        if country.count != 3 || !country.allSatisfy({ $0.isASCII && $0.isUppercase }) {
            reader.report(reader.path("country"), .string(country), "expected a three-letter country code (ISO 3166-1)")
        }
    }

    /// `reason[]`: reason codes, `null` or absent for none.
    static func reasons(_ reader: FieldReader) -> [String] {
        guard let value = reader.present("reason", required: false) else { return [] }
        guard let items = value.arrayValue else {
            reader.report(reader.path("reason"), value, "expected an array of reason codes, found \(value.typeName)")
            return []
        }
        var reasons: [String] = []
        for (index, item) in items.enumerated() {
            guard let code = item.stringValue, Restriction.reasons.contains(code) else {
                reader.report(
                    "\(reader.path("reason"))[\(index)]", item,
                    "expected one of \(Restriction.reasons.sorted().joined(separator: ", "))")
                continue
            }
            reasons.append(code)
        }
        return reasons
    }

    /// `{day[], startTime, endTime}`, and with `events` ED-318's `startEvent` / `endEvent` (SR, SS, BMCT, EECT)
    /// in place of a time. A missing start or end time is the start or end of the day.
    static func period(_ reader: FieldReader, events: Bool) -> ZoneDefinition.Period? {
        let mark = reader.log.issues.count
        let days = reader.days("day")
        if let days, days.isEmpty { reader.report(reader.path("day"), reader.object["day"], "names no day") }
        var start = dayTime(reader, time: "startTime", event: "startEvent", events: events, default: 0)
        var end = dayTime(reader, time: "endTime", event: "endEvent", events: events, default: 86_400)
        guard reader.log.issues.count == mark, let days, let given = start, let givenEnd = end else { return nil }
        // A missing end is the end of the start's local day, and a missing start the beginning of the end's.
        func omitted(_ keys: String...) -> Bool { keys.allSatisfy { reader.present($0, required: false) == nil } }
        if omitted("endTime", "endEvent"), case .clock(let time) = given, time.utcOffsetSeconds != 0 {
            end = .clock(FullTime(secondOfDay: 86_400, utcOffsetSeconds: time.utcOffsetSeconds))
        }
        if omitted("startTime", "startEvent"), case .clock(let time) = givenEnd, time.utcOffsetSeconds != 0 {
            start = .clock(FullTime(secondOfDay: 0, utcOffsetSeconds: time.utcOffsetSeconds))
        }
        return ZoneDefinition.Period(days: days, start: start ?? given, end: end ?? givenEnd, path: reader.path)
    }

    private static func dayTime(
        _ reader: FieldReader, time: String, event: String, events: Bool, default seconds: Int
    ) -> ZoneDefinition.DayTime? {
        let hasTime = reader.present(time, required: false) != nil
        let hasEvent = events && reader.present(event, required: false) != nil
        if hasTime && hasEvent {
            reader.report(reader.path(event), reader.object[event], "give \(time) or \(event), not both")
            return nil
        }
        if hasEvent {
            let allowed = Set(SolarEvent.allCases.map(\.rawValue))
            return reader.choice(event, required: true, of: allowed).flatMap(SolarEvent.init).map { .event($0) }
        }
        if hasTime { return reader.fullTime(time, required: true).map { .clock($0) } }
        return .clock(FullTime(secondOfDay: seconds))
    }

    /// A window and periods as one alternative; a window whose start is not before its end is refused.
    static func applicability(_ reader: FieldReader, from: Date?, until: Date?, periods: [ZoneDefinition.Period])
        -> ZoneDefinition.Applicability?
    {
        if let from, let until, from >= until {
            reader.report(
                reader.path, nil,
                "starts at \(RFC3339.format(from)), not before its end \(RFC3339.format(until))")
            return nil
        }
        return ZoneDefinition.Applicability(from: from, until: until, periods: periods, path: reader.path)
    }

    /// A vertical limit: a number (or numeric string) in `unit` with its reference; `null` or absent is no
    /// limit (the surface for a floor, unlimited for a ceiling).
    static func limit(
        _ reader: FieldReader, _ valueKey: String, _ referenceKey: String, unit: LengthUnit?, references: Set<String>
    ) -> AltitudeLimit? {
        guard let value = reader.numeric(valueKey, required: false, in: -10_000...100_000) else { return nil }
        guard let text = reader.choice(referenceKey, required: true, of: references),
            let reference = AltitudeReference(rawValue: text), let unit
        else { return nil }
        return AltitudeLimit(value: value, unit: unit, reference: reference)
    }

    /// A circle from a `[lon, lat]` centre and a radius in metres (ED-318 keeps it in the geometry's `extent`).
    static func circle(_ reader: FieldReader, centerKey: String, radius: (reader: FieldReader, key: String)) -> Circle?
    {
        let value = radius.reader.numeric(radius.key, required: true, in: 0...Circle.maximumRadius)
        guard let centerValue = reader.present(centerKey, required: true),
            let center = reader.position(centerValue, at: reader.path(centerKey)), let value
        else { return nil }
        do {
            return try Circle(center: center, radius: value)
        } catch {
            for issue in error.issues {
                radius.reader.report(radius.reader.path(radius.key), .number(value), issue.problem)
            }
            return nil
        }
    }

    /// The volume, unless its floor lies above its ceiling (compared through the site's datum when known,
    /// else only when both use the same reference).
    /// - Parameter path: where the outline is, for messages; the reader's own path by default.
    static func volume(
        _ reader: FieldReader, outline: ZoneOutline, floor: AltitudeLimit?, ceiling: AltitudeLimit?,
        datum: VerticalDatum?, path: String? = nil
    ) -> ZoneDefinition.Volume? {
        if let floor, let ceiling {
            let comparable =
                datum
                ?? (floor.reference == ceiling.reference
                    ? VerticalDatum(
                        groundElevationAMSL: 0, geoidUndulation: 0) : nil)
            if let comparable, floor.amsl(in: comparable) > ceiling.amsl(in: comparable) {
                reader.report(
                    reader.path, nil,
                    "floor (\(floor.value) \(floor.unit.rawValue) \(floor.reference.rawValue)) is above the ceiling "
                        + "(\(ceiling.value) \(ceiling.unit.rawValue) \(ceiling.reference.rawValue))")
                return nil
            }
        }
        return ZoneDefinition.Volume(
            outline: outline, band: AltitudeBand(floor: floor, ceiling: ceiling), path: path ?? reader.path)
    }
}
