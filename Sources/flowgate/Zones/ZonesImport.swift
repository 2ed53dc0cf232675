import Airspace
import ArgumentParser
import Foundation
import StrictJSON

struct ZonesImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import ED-269 or ED-318 zones into a bundle folder.",
        discussion: """
            Reads FILE, maps each zone onto a flowgate kind (PROHIBITED → no_fly, PRIVACY reason → no_capture, \
            REQ_AUTHORISATION and CONDITIONAL → no_fly, NO_RESTRICTION and USPACE skipped; see Docs/ADAPTERS.md), \
            and writes zones.geojson into BUNDLE_DIR, with site.json (from the options) and an empty \
            authorisations.json when the folder has none. The written bundle is then loaded to check it. Every \
            problem in FILE is printed on standard error and nothing is written; exit 1.

            A kept zone whose polygon is invalid (a self-intersecting ring, ...) is replaced by the convex hull of \
            its positions, which covers at least the intended area; --strict refuses the file instead. A second \
            kept zone with the same identifier is renamed ID#2. import-report.json in BUNDLE_DIR (and --report \
            FILE) names every zone of FILE and what became of it; a summary is printed.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case ed269, ed318
        var source: ZoneSourceFormat { self == .ed269 ? .ed269 : .ed318 }
    }

    @Option(help: "The file's format: ed269 or ed318.")
    var from: Format

    @Argument(help: "The ED-269 or ED-318 JSON file.", completion: .file())
    var file: String

    @Option(help: "The bundle folder to write (created if missing).", completion: .directory)
    var out: String

    @Option(
        name: .customLong("restriction"),
        help: "Override the mapping of a restriction: RESTRICTION=no_fly|no_capture|skip (repeatable).")
    var restrictionOverrides: [String] = []

    @Option(
        name: .customLong("reason"),
        help: "Override the mapping of a reason: REASON=no_fly|no_capture|skip (repeatable).")
    var reasonOverrides: [String] = []

    @Option(help: "The site's name, for a new site.json.")
    var siteName: String?

    @Option(help: "The site's ground elevation in metres AMSL, for a new site.json.")
    var groundElevation: Double?

    @Option(help: "The geoid undulation at the site in metres, for a new site.json.")
    var geoidUndulation: Double?

    @Flag(help: "Replace an existing zones.geojson in BUNDLE_DIR.")
    var replace = false

    @Flag(help: "Refuse FILE when a kept zone's outline is invalid, instead of replacing it by its convex hull.")
    var strict = false

    @Option(help: "Also write the import report to this file (it is always written to BUNDLE_DIR/import-report.json).")
    var report: String?

    /// The report's name in the bundle folder.
    static let reportFile = "import-report.json"

    func run() throws {
        let folder = URL(fileURLWithPath: out, isDirectory: true)
        let zonesURL = folder.appendingPathComponent(BundleLoader.zonesFile)
        let siteURL = folder.appendingPathComponent(BundleLoader.siteFile)
        let authorisationsURL = folder.appendingPathComponent(BundleLoader.authorisationsFile)
        let manager = FileManager.default
        if manager.fileExists(atPath: zonesURL.path), !replace {
            throw ValidationError("\(zonesURL.path) exists; pass --replace to overwrite it")
        }
        let needsSite = !manager.fileExists(atPath: siteURL.path)
        if needsSite, groundElevation == nil || geoidUndulation == nil {
            throw ValidationError(
                "\(out) has no \(BundleLoader.siteFile): give --ground-elevation and --geoid-undulation (and --site-name)"
            )
        }
        let options = ZoneImportOptions(mapping: try mapping(), strict: strict)
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw CommandFailure("\(file) cannot be read: \(error.localizedDescription)")
        }
        let name = URL(fileURLWithPath: file).lastPathComponent
        let result: ZoneImportResult
        do {
            result = try ZoneImport.read(data, format: from.source, file: name, options: options)
        } catch {
            StandardError.print("\(file): \(error.issues.count) problem\(error.issues.count == 1 ? "" : "s"):")
            for issue in error.issues { StandardError.print("  \(issue)") }
            throw ExitCode.checkFailed
        }
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        if needsSite {
            let site: JSONObject = [
                "name": .string(siteName ?? name), "ground_elevation_m_amsl": .number(groundElevation ?? 0),
                "geoid_undulation_m": .number(geoidUndulation ?? 0),
            ]
            try write(.object(site), to: siteURL)
        }
        if !manager.fileExists(atPath: authorisationsURL.path) {
            try write(.object(["authorisations": .array([])]), to: authorisationsURL)
        }
        try write(ZoneGeoJSON.featureCollection(result.zones, source: "\(from.rawValue):\(name)"), to: zonesURL)
        let loaded: SiteBundle
        do {
            loaded = try BundleLoader.load(directory: folder)
        } catch {
            StandardError.print("\(out): the written bundle does not load: \(error.issues.count) problem(s):")
            for issue in error.issues { StandardError.print("  \(issue)") }
            throw ExitCode.checkFailed
        }
        try write(result.report.json, to: folder.appendingPathComponent(Self.reportFile))
        if let report { try write(result.report.json, to: URL(fileURLWithPath: report)) }
        print(
            "\(out): \(result.zones.count) flowgate zones (\(loaded.zones.count) in the bundle) from \(result.report.summary)."
        )
        for line in result.report.attentionLines { print("  \(line)") }
        print("  report: \(folder.appendingPathComponent(Self.reportFile).path)")
    }

    private func mapping() throws -> ZoneKindMapping {
        func parse(_ entries: [String], option: String) throws -> [String: ImportedZoneAction] {
            var result: [String: ImportedZoneAction] = [:]
            for entry in entries {
                let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, let action = ImportedZoneAction(rawValue: parts[1]) else {
                    throw ValidationError("--\(option) '\(entry)': expected NAME=no_fly, NAME=no_capture or NAME=skip")
                }
                result[parts[0]] = action
            }
            return result
        }
        do {
            return try ZoneKindMapping.standard.overriding(
                restrictions: try parse(restrictionOverrides, option: "restriction"),
                reasons: try parse(reasonOverrides, option: "reason"))
        } catch let error as ZoneKindMapping.MappingError {
            throw ValidationError(error.description)
        }
    }

    private func write(_ value: JSONValue, to url: URL) throws {
        try Data((JSONWriter.write(value) + "\n").utf8).write(to: url, options: .atomic)
    }
}
