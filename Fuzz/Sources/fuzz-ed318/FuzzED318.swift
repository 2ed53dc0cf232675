import Airspace
import FuzzSupport

/// The ED-318 reader, as `flowgate zones import` and a bundle's `*.ed318.json` use it, and the GeoJSON the
/// import writes (see ``FuzzZoneImport``).
///
/// Input: one ED-318 file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzED318(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    FuzzZoneImport.run(FuzzInput.bytes(start, count), format: .ed318)
    return 0
}
