public import Geo

/// Facts about the site that every zone and query shares.
public struct SiteSettings: Sendable, Hashable {
    public var name: String
    public var description: String
    /// Relates AGL, AMSL and WGS84 heights at the site.
    public var datum: VerticalDatum
    /// The longest validity an authorisation may have, in hours: no blanket authorisation.
    public var maximumAuthorisationHours: Double

    /// The default bound on an authorisation's validity.
    public static let defaultMaximumAuthorisationHours = 12.0

    public init(
        name: String, description: String = "", datum: VerticalDatum,
        maximumAuthorisationHours: Double = SiteSettings.defaultMaximumAuthorisationHours
    ) {
        self.name = name
        self.description = description
        self.datum = datum
        self.maximumAuthorisationHours = maximumAuthorisationHours
    }
}

/// A validated bundle: the site, its zones and its authorisations, consistent with one another.
public struct SiteBundle: Sendable {
    public var site: SiteSettings
    public var zones: [Zone]
    public var authorisations: [Authorisation]

    public init(site: SiteSettings, zones: [Zone], authorisations: [Authorisation]) {
        self.site = site
        self.zones = zones
        self.authorisations = authorisations
    }
}
