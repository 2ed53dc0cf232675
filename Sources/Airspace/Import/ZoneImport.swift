public import Foundation
public import Geo
import StrictJSON

/// The zone formats flowgate imports.
public enum ZoneSourceFormat: String, Sendable, Hashable, CaseIterable {
    /// EUROCAE ED-269 (`features` or `UASZoneList`).
    case ed269
    /// EUROCAE ED-318 (a GeoJSON FeatureCollection with `metadata`).
    case ed318

    /// The file name ending that marks a file of this format inside a bundle (`airport.ed269.json`).
    public var bundleSuffix: String { ".\(rawValue).json" }
}

public struct ZoneImportOptions: Sendable, Hashable {
    public var mapping: ZoneKindMapping
    /// The longest window a schedule with solar events may span, days (one zone per day is made).
    public var maximumSolarDays: Int

    public init(mapping: ZoneKindMapping = .standard, maximumSolarDays: Int = 400) {
        self.mapping = mapping
        self.maximumSolarDays = maximumSolarDays
    }
}

/// What an import produced.
public struct ZoneImportResult: Sendable {
    public var zones: [Zone]
    /// Zones the mapping skips, with their restriction and reasons, so that a summary can list them.
    public var skipped: [SkippedZone]

    public struct SkippedZone: Sendable, Hashable {
        public var identifier: String
        public var restriction: String
        public var reasons: [String]
    }
}

/// Imports ED-269 and ED-318 zone files into flowgate zones (no_fly or no_capture, as the mapping says).
public enum ZoneImport {
    /// - Parameters:
    ///   - file: the name used in messages.
    ///   - datum: the site's, to check floors against ceilings in different references; `nil` checks only
    ///     same-reference limits.
    /// - Throws: ``BundleError`` listing every problem, each with the file, zone, field and value.
    public static func read(
        _ data: Data, format: ZoneSourceFormat, file: String, options: ZoneImportOptions = .init(),
        datum: VerticalDatum? = nil
    ) throws(BundleError) -> ZoneImportResult {
        let log = IssueLog()
        let result: ZoneImportResult
        do {
            result = read(
                try JSONParser.parse(data), format: format, file: file, options: options, datum: datum, log: log)
        } catch {
            throw BundleError(issues: [
                BundleIssue(
                    file: file, item: nil, field: "line \(error.line), column \(error.column)", value: "(JSON)",
                    problem: error.problem)
            ])
        }
        guard log.issues.isEmpty else { throw BundleError(issues: log.issues) }
        return result
    }

    static func read(
        _ root: JSONValue, format: ZoneSourceFormat, file: String, options: ZoneImportOptions, datum: VerticalDatum?,
        log: IssueLog
    ) -> ZoneImportResult {
        let definitions =
            switch format {
            case .ed269: ED269Reader.read(root, file: file, datum: datum, log: log)
            case .ed318: ED318Reader.read(root, file: file, datum: datum, log: log)
            }
        var result = ZoneImportResult(zones: [], skipped: [])
        var seen = Set<String>()
        for definition in definitions {
            if !seen.insert(definition.identifier).inserted {
                log.add(
                    BundleIssue(
                        file: file, item: definition.label, field: "identifier", value: "\"\(definition.identifier)\"",
                        problem: "duplicate identifier in the file"))
            }
            let kind: ZoneKind
            switch options.mapping.action(restriction: definition.restriction, reasons: definition.reasons) {
            case .skip:
                result.skipped.append(
                    .init(
                        identifier: definition.identifier, restriction: definition.restriction,
                        reasons: definition.reasons))
                continue
            case .noFly: kind = .noFly
            case .noCapture: kind = .noCapture
            }
            result.zones += definition.zones(
                kind: kind, maximumSolarDays: options.maximumSolarDays, file: file, log: log)
        }
        return result
    }
}
