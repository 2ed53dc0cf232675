import ArgumentParser
import Review

struct ReviewExport: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case geojson, csv
    }

    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Tracks (LineStrings with times and compliance state) and violations (Points with reasons)."
    )

    @OptionGroup var options: ReviewOptions

    @Option(help: "geojson (a FeatureCollection) or csv (one row per fix and per violation).")
    var format: Format

    @Option(help: "Write to this file instead of standard output.", completion: .file())
    var out: String?

    func run() throws {
        let (_, run) = try options.load()
        try ReviewOptions.emit(format == .geojson ? Exports.geoJSON(run) : Exports.csv(run), to: out)
    }
}
