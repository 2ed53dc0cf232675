import Airspace
import ArgumentParser

struct ZonesCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a bundle: exit 0 when valid, 1 with every problem on standard error when not."
    )

    @OptionGroup var bundle: BundleArgument

    func run() throws {
        let loaded = try bundle.load()
        let counts = ZoneKind.allCases.map { kind in
            "\(loaded.zones.filter { $0.kind == kind }.count) \(kind.rawValue)"
        }
        print(
            "\(bundle.bundle): valid. Site '\(loaded.site.name)': \(loaded.zones.count) zones ("
                + counts.joined(separator: ", ") + "), \(loaded.authorisations.count) authorisation"
                + (loaded.authorisations.count == 1 ? "" : "s") + ".")
    }
}
