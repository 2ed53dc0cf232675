import Airspace
import Foundation
import Geo

/// The shared geozone samples (`../shared/testdata/geozones` from the project root), located from this file.
enum ImportSamples {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/testdata/geozones")

    static func data(_ path: String) throws -> Data { try Data(contentsOf: root.appendingPathComponent(path)) }

    static func read(_ path: String, _ format: ZoneSourceFormat, options: ZoneImportOptions = .init()) throws
        -> ZoneImportResult
    {
        try ZoneImport.read(try data(path), format: format, file: path, options: options)
    }

    static func read(json: String, _ format: ZoneSourceFormat, options: ZoneImportOptions = .init()) throws(BundleError)
        -> ZoneImportResult
    {
        try ZoneImport.read(Data(json.utf8), format: format, file: "test.json", options: options)
    }

    /// The issues an import reports, or none when it succeeds.
    static func issues(json: String, _ format: ZoneSourceFormat, options: ZoneImportOptions = .init())
        -> [BundleIssue]
    {
        do {
            _ = try read(json: json, format, options: options)
            return []
        } catch {
            return error.issues
        }
    }

    static func time(_ text: String) -> Date { try! RFC3339.parse(text) }
}
