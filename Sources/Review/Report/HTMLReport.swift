public import Airspace
public import Audit
import Foundation
import Geo
import StrictJSON

/// The post-incident report: one self-contained HTML file (inline CSS and SVG, no scripts, fonts or images
/// from elsewhere) that is also well-formed XML.
public struct HTMLReport: Sendable {
    /// The kinds of record the report reads: not payload summaries or checkpoints, which it does not show and
    /// which are half the records of an exercise with payload streams (the integrity verdict reads them all).
    public static let recordKinds = Set(AuditKind.allCases).subtracting([.payloadSummary, .checkpoint])

    public var title: String
    /// What was selected (database, filters), shown under the title.
    public var scope: String
    /// Each record's chain verdict, by the record's name: one, or one per instance of a cluster (each chain is
    /// verified on its own; the rest of the report merges them).
    public var verdicts: [(record: String, report: VerifyReport)]
    /// The zones to draw; `nil` with `bundleNote` saying why there are none.
    public var bundle: SiteBundle?
    public var bundleNote: String

    public init(title: String, scope: String, verdict: VerifyReport, bundle: SiteBundle?, bundleNote: String) {
        self.init(title: title, scope: scope, verdicts: [("", verdict)], bundle: bundle, bundleNote: bundleNote)
    }

    public init(
        title: String, scope: String, verdicts: [(record: String, report: VerifyReport)], bundle: SiteBundle?,
        bundleNote: String
    ) {
        self.title = title
        self.scope = scope
        self.verdicts = verdicts
        self.bundle = bundle
        self.bundleNote = bundleNote
    }

    public func render(_ run: RecordedRun) -> String {
        let violations = Violation.find(in: run)
        var out = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head>"
        out +=
            "<meta charset=\"utf-8\"/><title>\(Markup.escape(title))</title><style>\(Self.style)</style></head><body>\n"
        for (index, verdict) in verdicts.enumerated() {
            let verdictClass = verdict.report.isIntact ? "intact" : "broken"
            let id = index == 0 ? "integrity" : "integrity-\(index + 1)"
            let of = verdicts.count > 1 ? " of \(Markup.escape(verdict.record))" : ""
            out += "<div class=\"verdict \(verdictClass)\" id=\"\(id)\"><strong>Integrity\(of): "
            out += "\(verdict.report.isIntact ? "intact" : "NOT INTACT")</strong> "
            out += "\(Markup.escape(verdict.report.summary))</div>\n"
        }
        out += "<h1>\(Markup.escape(title))</h1><p class=\"scope\">\(Markup.escape(scope))</p>\n"
        out += "<h2>Map</h2><p class=\"note\">\(Markup.escape(bundleNote))</p>\n"
        out += ReportMap.svg(zones: bundle?.zones ?? [], run: run, violations: violations)
        out += legend()
        out += "<h2>Messages over time</h2>\n" + ReportChart.svg(run)
        out += "<h2>Drones</h2>\n" + droneTable(run)
        out += "<h2>Violations</h2>\n" + violationTable(violations)
        out += "<h2>Configuration</h2>\n" + configurationTable(run)
        return out + "</body></html>\n"
    }

    private func legend() -> String {
        let zones = ZoneKind.allCases.map { ($0.rawValue, ReportMap.zoneColours[$0] ?? "#555") }
        let states = TrackState.allCases.map { ("track " + $0.rawValue, ReportMap.stateColours[$0.rawValue] ?? "#000") }
        let items = (zones + states + [("violation", "#d50000")]).map { name, colour in
            "<span class=\"key\"><span class=\"swatch\" style=\"background:\(colour)\"></span>\(Markup.escape(name))</span>"
        }
        return "<p class=\"legend\">" + items.joined(separator: " ") + "</p>\n"
    }

    private func droneTable(_ run: RecordedRun) -> String {
        let rows = RunSummary.build(run).map { summary in
            [
                summary.drone, summary.mission ?? "-", RunSummary.duration(summary.secondsFlown),
                RunSummary.duration(summary.secondsInBreach), "\(summary.forwarded)", "\(summary.redacted)",
                "\(summary.blocked)",
                summary.blockedByReason.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                    .joined(separator: ", "),
                "\(summary.suspensions)",
            ]
        }
        return Markup.table(
            header: [
                "drone", "mission", "flown", "in breach", "forwarded", "redacted", "blocked", "blocked by reason",
                "suspensions",
            ], rows: rows, className: "drones")
    }

    private func violationTable(_ violations: [Violation]) -> String {
        guard !violations.isEmpty else { return "<p class=\"note\">No violations in the selected records.</p>\n" }
        let rows = violations.enumerated().map { index, violation in
            [
                "\(index + 1)", violation.kind.rawValue, violation.drone, violation.mission ?? "-",
                violation.stream ?? "-", RFC3339.format(violation.time), "\(violation.count)",
                violation.reasons.joined(separator: ", "),
                violation.position.map { "\($0.latitude), \($0.longitude)" } ?? "no fix",
            ]
        }
        return Markup.table(
            header: ["#", "kind", "drone", "mission", "stream", "time", "messages", "reasons", "position"], rows: rows,
            className: "violations")
    }

    private func configurationTable(_ run: RecordedRun) -> String {
        let loads = run.records(.configLoad)
        guard !loads.isEmpty else { return "<p class=\"note\">No configuration load in the selected records.</p>\n" }
        let keys = ["bundle_path", "bundle_digest", "config_digest", "policy_version", "flowgate_version"]
        let rows = loads.map { record in
            [record.time] + keys.map { record.fields[$0]?.stringValue ?? "-" }
        }
        return Markup.table(header: ["time"] + keys, rows: rows, className: "config")
    }

    static let style = """
        body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}\
        .verdict{padding:.6em 1em;border-radius:4px;font-size:1.05em}\
        .intact{background:#e8f5e9;border:1px solid #2e7d32}.broken{background:#ffebee;border:1px solid #c62828}\
        svg.map{width:100%;max-width:900px;border:1px solid #ccc}svg.chart{width:100%;max-width:900px}\
        svg text{font-size:11px}svg .small{font-size:9px;fill:#555}svg .drone{font-weight:bold}\
        table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}\
        th{background:#f0f0f0}.note,.scope{color:#555}.key{margin-right:1em}\
        .swatch{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:middle}
        """
}
