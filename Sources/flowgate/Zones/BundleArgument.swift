import Airspace
import ArgumentParser
import Foundation

/// The bundle folder given on the command line, loaded with every problem printed to standard error.
struct BundleArgument: ParsableArguments {
    @Argument(help: "The bundle folder (site.json, zones.geojson, authorisations.json).", completion: .directory)
    var bundle: String

    var url: URL { URL(fileURLWithPath: bundle, isDirectory: true) }

    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: bundle, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError(
                "'\(bundle)' is not a folder; a bundle is a folder holding \(BundleLoader.siteFile), "
                    + "\(BundleLoader.zonesFile) and \(BundleLoader.authorisationsFile)")
        }
    }

    /// Loads the bundle, or prints its problems and exits with status 1.
    func load() throws -> SiteBundle {
        do {
            return try BundleLoader.load(directory: url)
        } catch {
            StandardError.print("\(bundle): \(error.issues.count) problem\(error.issues.count == 1 ? "" : "s"):")
            for issue in error.issues { StandardError.print("  \(issue)") }
            throw ExitCode.checkFailed
        }
    }
}

enum StandardError {
    static func print(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
