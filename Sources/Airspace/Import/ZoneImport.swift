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
    /// Refuse the file when a kept zone's outline is invalid, instead of replacing the outline by its convex
    /// hull.
    public var strict: Bool

    public init(mapping: ZoneKindMapping = .standard, maximumSolarDays: Int = 400, strict: Bool = false) {
        self.mapping = mapping
        self.maximumSolarDays = maximumSolarDays
        self.strict = strict
    }
}

/// What an import produced.
public struct ZoneImportResult: Sendable {
    public var zones: [Zone]
    /// Every zone of the file and what became of it.
    public var report: ZoneImportReport
    /// Zones the mapping skips, with their restriction and reasons, so that a summary can list them.
    public var skipped: [SkippedZone] {
        report.entries.filter { !$0.isKept }.map {
            SkippedZone(identifier: $0.identifier, restriction: $0.restriction, reasons: $0.reasons)
        }
    }

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
        let positions = Dictionary(grouping: definitions, by: \.identifier).mapValues { $0.map(\.position) }
        var keptUnder: [String: Int] = [:]
        var zones: [Zone] = []
        var entries: [ZoneImportReport.Entry] = []
        for definition in definitions {
            var entry = ZoneImportReport.Entry(definition, mapping: options.mapping, positions: positions)
            if entry.isKept, let shapes = shapes(of: definition, options: options, entry: &entry, file: file, log: log)
            {
                // A second kept zone under one identifier is renamed, never dropped: ID#2, ID#3, in file order.
                let occurrence = keptUnder[definition.identifier, default: 0] + 1
                keptUnder[definition.identifier] = occurrence
                if occurrence > 1 { entry.renamedTo = "\(definition.identifier)#\(occurrence)" }
                let made = definition.zones(
                    kind: entry.action == .noCapture ? .noCapture : .noFly, shapes: shapes,
                    occurrence: occurrence > 1 ? occurrence : nil, maximumSolarDays: options.maximumSolarDays,
                    file: file, log: log)
                entry.zoneIDs = made.map(\.id)
                zones += made
            }
            entries.append(entry)
        }
        var seen = Set<String>()
        for zone in zones where !seen.insert(zone.id).inserted {
            // Only a written identifier that looks like a rename (`A#2` beside two `A`s) can get here.
            log.add(
                BundleIssue(
                    file: file, item: "zone '\(zone.id)'", field: "identifier", value: "\"\(zone.id)\"",
                    problem: "two zones of the file end up with this id; rename one of them"))
        }
        let report = ZoneImportReport(file: file, format: format, strict: options.strict, entries: entries)
        return ZoneImportResult(zones: zones, report: report)
    }

    /// Each volume's shape, repaired (and the repair noted in `entry`) unless strict; `nil` after reporting
    /// an outline that cannot be used.
    private static func shapes(
        of definition: ZoneDefinition, options: ZoneImportOptions, entry: inout ZoneImportReport.Entry, file: String,
        log: IssueLog
    ) -> [Shape]? {
        var shapes: [Shape] = []
        for volume in definition.volumes {
            do {
                let resolved = try volume.outline.resolve(strict: options.strict, path: volume.path)
                shapes.append(resolved.shape)
                entry.repairs += resolved.repairs
            } catch {
                let item =
                    entry.sameIdentifier.isEmpty ? definition.label : "\(definition.label) (\(definition.position))"
                for issue in error.issues {
                    log.add(
                        BundleIssue(
                            file: file, item: item, field: issue.path, value: issue.value, problem: issue.problem))
                }
            }
        }
        return shapes.count == definition.volumes.count ? shapes : nil
    }
}

extension ZoneImportReport.Entry {
    /// The entry for a zone as read: its mapping decided, the rest filled in as it is imported.
    init(_ definition: ZoneDefinition, mapping: ZoneKindMapping, positions: [String: [String]]) {
        let decision = mapping.decision(restriction: definition.restriction, reasons: definition.reasons)
        self.init(
            identifier: definition.identifier, name: definition.name, position: definition.position,
            restriction: definition.restriction, reasons: definition.reasons, action: decision.action,
            rule: decision.rule, zoneIDs: [], renamedTo: nil,
            sameIdentifier: (positions[definition.identifier] ?? []).filter { $0 != definition.position },
            repairs: [],
            notes: definition.applicability.flatMap { $0.periods.compactMap(\.utcConversion) })
    }
}
