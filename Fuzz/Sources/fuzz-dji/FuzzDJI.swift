import Adapters
import Compliance
import FuzzSupport

/// The DJI Cloud API adapter: `thing/product/{sn}/osd` and a dock's `thing/product/{dock}/drc/up`.
///
/// Input: the topic line, then the payload. The topic's serial number (and the dock's aircraft) is given a
/// mission, so that the payload is always read.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDJI(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let (topic, payload) = FuzzInput.message(FuzzInput.bytes(start, count))
    let levels = FuzzInput.levels(topic)
    let serial = levels.count > 2 ? levels[2] : ""
    let aircraft = "1581F5BKD225D00A"
    let adapter = DJICloudAdapter(
        missions: MissionAssignments(Dictionary([(serial, "M-1"), (aircraft, "M-1")]) { first, _ in first }),
        gatewayAircraft: [serial: aircraft])
    _ = DJICloudAdapter.accepts(topic: topic)
    _ = try? adapter.decode(topic: topic, payload: payload)
    return 0
}
