import Geo
import StrictJSON

/// Reads `site.json`: the site's name and the facts that relate altitude references there.
enum SiteReader {
    static func read(_ root: JSONValue, file: String, log: IssueLog) -> SiteSettings? {
        guard let reader = FieldReader.root(root, file: file, log: log, expected: "an object") else { return nil }
        reader.rejectUnknownKeys(allowed: [
            "name", "description", "ground_elevation_m_amsl", "geoid_undulation_m", "max_authorisation_hours",
        ])
        let name = reader.string("name")
        let description = reader.string("description", required: false) ?? ""
        let ground = reader.number("ground_elevation_m_amsl", in: -500...9_000)
        let undulation = reader.number("geoid_undulation_m", in: -120...120)
        let maximumHours =
            reader.number("max_authorisation_hours", required: false, in: 0.25...168)
            ?? SiteSettings.defaultMaximumAuthorisationHours
        guard let name, let ground, let undulation else { return nil }
        return SiteSettings(
            name: name, description: description,
            datum: VerticalDatum(groundElevationAMSL: ground, geoidUndulation: undulation),
            maximumAuthorisationHours: maximumHours)
    }
}
