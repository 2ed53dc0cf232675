import Geo
import StrictJSON

extension FieldReader {
    /// `{"floor": LIMIT, "ceiling": LIMIT}`, either optional; a missing band is unlimited.
    func band(_ key: String, datum: VerticalDatum?) -> AltitudeBand? {
        guard let reader = object(key, required: false) else { return object[key] == nil ? .unlimited : nil }
        reader.rejectUnknownKeys(allowed: ["floor", "ceiling"])
        let floorReader = reader.object("floor", required: false)
        let ceilingReader = reader.object("ceiling", required: false)
        let floor = floorReader?.altitudeLimit()
        let ceiling = ceilingReader?.altitudeLimit()
        if (floorReader != nil && floor == nil) || (ceilingReader != nil && ceiling == nil) { return nil }
        let band = AltitudeBand(floor: floor, ceiling: ceiling)
        if let datum, let floor, let ceiling, band.resolved(in: datum).isEmpty {
            reader.report(
                reader.path("floor"), reader.object["floor"],
                "floor (\(floor.value) \(floor.unit.rawValue) \(floor.reference.rawValue)) is above the ceiling "
                    + "(\(ceiling.value) \(ceiling.unit.rawValue) \(ceiling.reference.rawValue)) at this site")
            return nil
        }
        return band
    }

    /// `{"value": 120, "ref": "AGL", "unit": "m"}`; the unit defaults to metres.
    func altitudeLimit() -> AltitudeLimit? {
        rejectUnknownKeys(allowed: ["value", "ref", "unit"])
        let value = number("value", in: -10_000...100_000)
        var reference: AltitudeReference?
        if let text = string("ref") {
            reference = AltitudeReference(rawValue: text)
            if reference == nil {
                report(path("ref"), object["ref"], "unknown altitude reference (use AGL, AMSL or WGS84)")
            }
        }
        var unit: LengthUnit? = .metres
        if let text = string("unit", required: false) {
            unit = LengthUnit(rawValue: text)
            if unit == nil { report(path("unit"), object["unit"], "unknown unit (use m or ft)") }
        }
        guard let value, let reference, let unit else { return nil }
        return AltitudeLimit(value: value, unit: unit, reference: reference)
    }
}
