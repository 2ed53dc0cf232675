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

    /// Reads and checks the bundle in `directory`, with the zones of any ED-269 (`*.ed269.json`) and ED-318
    /// (`*.ed318.json`) files in it, imported with `importOptions`.
    /// - Throws: ``BundleError`` listing every problem found.
    public static func load(directory: URL, importOptions: ZoneImportOptions = .init()) throws(BundleError)
        -> SiteBundle
    {
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
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let imports = names.sorted().compactMap { name in
            ZoneSourceFormat.allCases.first { name.hasSuffix($0.bundleSuffix) }.map {
                ImportedZoneFile(name: name, format: $0, content: read(name))
            }
        }
        return try load(
            site: read(siteFile), zones: read(zonesFile), authorisations: read(authorisationsFile), imports: imports,
            importOptions: importOptions)
    }

    /// An ED-269 or ED-318 file held in a bundle.
    public struct ImportedZoneFile: Sendable {
        public var name: String
        public var format: ZoneSourceFormat
        public var content: Result<Data, BundleIssue>

        public init(name: String, format: ZoneSourceFormat, content: Result<Data, BundleIssue>) {
            self.name = name
            self.format = format
            self.content = content
        }
    }

    /// Checks a bundle given as the contents of its three files (or why each could not be read).
    public static func load(
        site: Result<Data, BundleIssue>, zones: Result<Data, BundleIssue>, authorisations: Result<Data, BundleIssue>,
        imports: [ImportedZoneFile] = [], importOptions: ZoneImportOptions = .init()
    ) throws(BundleError) -> SiteBundle {
        let log = IssueLog()
        let siteSettings = parse(site, file: siteFile, log: log).flatMap {
            SiteReader.read($0, file: siteFile, log: log)
        }
        let zonesJSON = parse(zones, file: zonesFile, log: log)
        var zoneList =
            zonesJSON.map { ZoneReader.read($0, file: zonesFile, datum: siteSettings?.datum, log: log) } ?? []
        for file in imports {
            guard let json = parse(file.content, file: file.name, log: log) else { continue }
            let imported = ZoneImport.read(
                json, format: file.format, file: file.name, options: importOptions, datum: siteSettings?.datum, log: log
            )
            checkUniqueIDs(imported.zones, against: zoneList, file: file.name, log: log)
            zoneList += imported.zones
        }
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

    /// Imported zones must not reuse an id that an earlier file of the bundle declared.
    private static func checkUniqueIDs(_ zones: [Zone], against earlier: [Zone], file: String, log: IssueLog) {
        let taken = Set(earlier.map(\.id))
        for zone in zones where taken.contains(zone.id) {
            log.add(
                BundleIssue(
                    file: file, item: "zone '\(zone.id)'", field: "identifier", value: "\"\(zone.id)\"",
                    problem: "an earlier file of the bundle already declares this zone id"))
        }
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
