import Airspace
import Foundation
import FuzzSupport

/// The native bundle reader: `site.json`, `zones.geojson` (polygons with holes, multipolygons, circles, bands,
/// windows, schedules) and `authorisations.json`, checked together, with an ED-269 and an ED-318 file imported
/// into the same bundle.
///
/// Input: the files separated by `\n%%\n`, in that order: site, zones, authorisations, then optionally the ED-269
/// and the ED-318 file (an empty part: no such file).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBundle(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let parts = FuzzInput.parts(FuzzInput.bytes(start, count), limit: 5)
    let files = parts.prefix(3).map { Result<Data, BundleIssue>.success(Data($0)) }
    let missing = Result<Data, BundleIssue>.success(Data())
    let imports = zip(parts.dropFirst(3), [ZoneSourceFormat.ed269, .ed318]).compactMap { content, format in
        content.isEmpty
            ? nil
            : BundleLoader.ImportedZoneFile(
                name: "fuzz\(format.bundleSuffix)", format: format, content: .success(Data(content)))
    }
    guard
        let bundle = try? BundleLoader.load(
            site: files[0], zones: files.count > 1 ? files[1] : missing,
            authorisations: files.count > 2 ? files[2] : missing, imports: imports)
    else { return 0 }
    // What the gateway does next with a bundle that loads: index it.
    _ = AirspaceIndex(bundle: bundle)
    return 0
}
