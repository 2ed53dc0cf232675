import Airspace
import FuzzSupport

/// The ED-269 reader, as `flowgate zones import` and a bundle's `*.ed269.json` use it, and the GeoJSON the
/// import writes (see ``FuzzZoneImport``).
///
/// Input: one ED-269 file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzED269(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    FuzzZoneImport.run(FuzzInput.bytes(start, count), format: .ed269)
    return 0
}
