/// What an altitude is measured from.
public enum AltitudeReference: String, Sendable, Hashable, CaseIterable, Codable {
    /// Above the ground: the site's ground elevation (see ``VerticalDatum``).
    case agl = "AGL"
    /// Above mean sea level (the geoid).
    case amsl = "AMSL"
    /// Above the WGS84 ellipsoid, as GNSS receivers report it.
    case wgs84 = "WGS84"
}

/// The unit an altitude is given in.
public enum LengthUnit: String, Sendable, Hashable, CaseIterable, Codable {
    case metres = "m"
    case feet = "ft"

    /// Metres in one of this unit (the international foot is exactly 0.3048 m).
    public var metres: Double { self == .metres ? 1 : 0.3048 }
}

/// How the references relate at one site.
///
/// flowgate assumes the site is small enough that one ground elevation and one geoid undulation hold
/// everywhere in it: AGL = AMSL − ground elevation, AMSL = WGS84 − undulation. For a site on steep ground,
/// give limits in AMSL instead of AGL.
public struct VerticalDatum: Sendable, Hashable {
    /// Ground elevation above mean sea level, metres.
    public var groundElevationAMSL: Double
    /// Height of the geoid above the WGS84 ellipsoid, metres (about +40 m in Central Europe).
    public var geoidUndulation: Double

    public init(groundElevationAMSL: Double, geoidUndulation: Double) {
        self.groundElevationAMSL = groundElevationAMSL
        self.geoidUndulation = geoidUndulation
    }

    /// The same height expressed above mean sea level, metres.
    public func amsl(_ value: Double, _ reference: AltitudeReference) -> Double {
        switch reference {
        case .amsl: value
        case .agl: value + groundElevationAMSL
        case .wgs84: value - geoidUndulation
        }
    }

    /// A height above mean sea level expressed in `reference`, metres.
    public func convert(amsl value: Double, to reference: AltitudeReference) -> Double {
        switch reference {
        case .amsl: value
        case .agl: value - groundElevationAMSL
        case .wgs84: value + geoidUndulation
        }
    }
}

/// One altitude limit as a zone states it: a value, its unit and its reference.
public struct AltitudeLimit: Sendable, Hashable {
    public var value: Double
    public var unit: LengthUnit
    public var reference: AltitudeReference

    public init(value: Double, unit: LengthUnit = .metres, reference: AltitudeReference) {
        self.value = value
        self.unit = unit
        self.reference = reference
    }

    /// The limit in metres above mean sea level at a site.
    public func amsl(in datum: VerticalDatum) -> Double {
        datum.amsl(value * unit.metres, reference)
    }
}

/// A vertical band: a floor and a ceiling, each optional (absent means unlimited), both inclusive.
public struct AltitudeBand: Sendable, Hashable {
    public var floor: AltitudeLimit?
    public var ceiling: AltitudeLimit?

    public init(floor: AltitudeLimit?, ceiling: AltitudeLimit?) {
        self.floor = floor
        self.ceiling = ceiling
    }

    /// From the surface to space: the band of a zone that states no limits.
    public static let unlimited = AltitudeBand(floor: nil, ceiling: nil)

    /// Resolves both limits to metres AMSL at one site, so that queries compare plain numbers.
    public func resolved(in datum: VerticalDatum) -> ResolvedBand {
        ResolvedBand(
            floorAMSL: floor.map { $0.amsl(in: datum) } ?? -.infinity,
            ceilingAMSL: ceiling.map { $0.amsl(in: datum) } ?? .infinity)
    }
}

/// A band in metres AMSL. Both limits are inclusive: on the floor or the ceiling, within ``tolerance``, counts as
/// inside.
public struct ResolvedBand: Sendable, Hashable {
    public var floorAMSL: Double
    public var ceilingAMSL: Double

    public init(floorAMSL: Double, ceilingAMSL: Double) {
        self.floorAMSL = floorAMSL
        self.ceilingAMSL = ceilingAMSL
    }

    public var isEmpty: Bool { floorAMSL > ceilingAMSL }

    /// How far, in metres, beyond a floor or a ceiling an altitude still counts as on it (and so inside),
    /// like ``Shape/boundaryTolerance`` horizontally. A limit given in one reference and a fix in another
    /// meet through the site's datum in floating point: a fix exactly on the floor can land a few units in
    /// the last place below it.
    public static let tolerance = 0.001

    /// Where an altitude (metres AMSL) lies relative to the band; within ``tolerance`` of a limit is on it.
    public func locate(_ altitudeAMSL: Double) -> VerticalLocation {
        if altitudeAMSL < floorAMSL - ResolvedBand.tolerance { return .below(by: floorAMSL - altitudeAMSL) }
        if altitudeAMSL > ceilingAMSL + ResolvedBand.tolerance { return .above(by: altitudeAMSL - ceilingAMSL) }
        return .within(clearance: max(0, min(altitudeAMSL - floorAMSL, ceilingAMSL - altitudeAMSL)))
    }
}

/// An altitude against a band.
public enum VerticalLocation: Sendable, Hashable {
    /// Under the floor by so many metres.
    case below(by: Double)
    /// Over the ceiling by so many metres.
    case above(by: Double)
    /// Inside; `clearance` is the distance to the nearer limit (infinite for an unlimited band).
    case within(clearance: Double)

    public var isWithin: Bool {
        if case .within = self { return true }
        return false
    }

    /// Metres outside the band, 0 inside it.
    public var excess: Double {
        switch self {
        case .below(let by), .above(let by): by
        case .within: 0
        }
    }
}
