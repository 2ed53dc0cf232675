import Airspace
import ArgumentParser
import Audit
import Foundation
import Review
import StrictJSON

struct ReviewReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract:
            "One self-contained HTML file: integrity verdict, map of zones, tracks and violations, timeline, tables.",
        discussion: """
            The zones come from --bundle, or else from the bundle path in the last config_load record (as \
            recorded, then relative to the database's folder). Without a loadable bundle the map shows tracks and \
            violations only, and says why.
            """
    )

    @OptionGroup var options: ReviewOptions

    @Option(help: "Where to write the report.", completion: .file())
    var out: String

    @Option(help: "The zone bundle folder to draw (default: the one the last config_load recorded).")
    var bundle: String?

    func run() throws {
        let (reader, run) = try options.load(kinds: HTMLReport.recordKinds)
        // Several records (one per instance of a cluster): one report of them merged, each chain's verdict its own.
        var verdicts: [(record: String, report: VerifyReport)] = []
        do {
            for database in options.databases {
                verdicts.append(
                    (database, try ChainVerifier.verify(path: database, options: .init(allowOpenTail: true))))
            }
        } catch {
            StandardError.print("\(error)")
            throw ExitCode.cannotRun
        }
        let (site, note) = loadBundle(reader)
        let report = HTMLReport(
            title: "flowgate review report", scope: options.scope, verdicts: verdicts, bundle: site, bundleNote: note)
        try ReviewOptions.emit(report.render(run), to: out)
        let broken = verdicts.filter { !$0.report.isIntact }.map(\.record)
        let state = broken.isEmpty ? "record intact" : "RECORD NOT INTACT: \(broken.joined(separator: ", "))"
        print("wrote \(out): \(state)")
    }

    private func loadBundle(_ reader: AuditReader) -> (SiteBundle?, String) {
        var candidates: [String] = []
        if let bundle {
            candidates = [bundle]
        } else if let recorded = (try? reader.last(.configLoad))?.fields["bundle_path"]?.stringValue {
            let besideDatabase = URL(fileURLWithPath: options.database).deletingLastPathComponent()
                .appendingPathComponent(recorded).path
            candidates = [recorded, besideDatabase]
        } else {
            return (nil, "Zones not shown: no --bundle and no config_load record names a bundle.")
        }
        var problems: [String] = []
        for path in candidates {
            do {
                let loaded = try BundleLoader.load(directory: URL(fileURLWithPath: path, isDirectory: true))
                return (loaded, "Zones from \(path) (site '\(loaded.site.name)', \(loaded.zones.count) zones).")
            } catch {
                problems.append("\(path): \(error.issues.first.map { "\($0)" } ?? "cannot be loaded")")
            }
        }
        return (nil, "Zones not shown: " + problems.joined(separator: "; "))
    }
}
