public import Foundation
import Geo
import StrictJSON

/// Loads a bundle folder: `site.json`, `zones.geojson` and `authorisations.json`.
///
/// Everything is checked in one pass and every problem is reported together, each with its file, item,
/// field and value: a bundle either loads whole and consistent or not at all.
public enum BundleLoader {
    public static let siteFile = "site.json"
    public static let zonesFile = "zones.geojson"
    public static let authorisationsFile = "authorisations.json"

    /// Reads and checks the bundle in `directory`.
    /// - Throws: ``BundleError`` listing every problem found.
    public static func load(directory: URL) throws(BundleError) -> SiteBundle {
        func read(_ name: String) -> Result<Data, BundleIssue> {
            let url = directory.appendingPathComponent(name)
            do {
                return .success(try Data(contentsOf: url))
            } catch {
                let exists = FileManager.default.fileExists(atPath: url.path)
                return .failure(
                    BundleIssue(
                        file: name, item: nil, field: "(file)", value: exists ? "unreadable" : "(missing)",
                        problem: exists
                            ? "\(url.path) cannot be read: \(error.localizedDescription)"
                            : "not found: \(url.path)"))
            }
        }
        return try load(site: read(siteFile), zones: read(zonesFile), authorisations: read(authorisationsFile))
    }

    /// Checks a bundle given as the contents of its three files (or why each could not be read).
    public static func load(
        site: Result<Data, BundleIssue>, zones: Result<Data, BundleIssue>, authorisations: Result<Data, BundleIssue>
    ) throws(BundleError) -> SiteBundle {
        let log = IssueLog()
        let siteSettings = parse(site, file: siteFile, log: log).flatMap {
            SiteReader.read($0, file: siteFile, log: log)
        }
        let zonesJSON = parse(zones, file: zonesFile, log: log)
        let zoneList =
            zonesJSON.map { ZoneReader.read($0, file: zonesFile, datum: siteSettings?.datum, log: log) } ?? []
        let maximumHours = siteSettings?.maximumAuthorisationHours ?? SiteSettings.defaultMaximumAuthorisationHours
        let authorisationsJSON = parse(authorisations, file: authorisationsFile, log: log)
        let authorisationList =
            authorisationsJSON.map {
                AuthorisationReader.read($0, file: authorisationsFile, maximumHours: maximumHours, log: log)
            } ?? []
        // Cross-references are checked on what each file declares, even where an item failed to read, so that
        // one broken ring does not also surface as "unknown area" everywhere it is referenced.
        BundleConsistency(zonesJSON: zonesJSON, authorisationsJSON: authorisationsJSON).check(log: log)
        guard log.issues.isEmpty, let siteSettings else { throw BundleError(issues: log.issues) }
        return SiteBundle(site: siteSettings, zones: zoneList, authorisations: authorisationList)
    }

    private static func parse(_ content: Result<Data, BundleIssue>, file: String, log: IssueLog) -> JSONValue? {
        switch content {
        case .failure(let issue):
            log.add(issue)
            return nil
        case .success(let data):
            do {
                return try JSONParser.parse(data)
            } catch {
                log.add(
                    BundleIssue(
                        file: file, item: nil, field: "line \(error.line), column \(error.column)", value: "(JSON)",
                        problem: error.problem))
                return nil
            }
        }
    }
}
