import Compliance
import FuzzSupport

/// Native telemetry v1: the byte-level fast path (`TelemetryScan`) and the strict tree decoder behind it.
///
/// Input: the topic line (`fleet/{drone}/telemetry`; its second level is the drone the payload must name), then
/// the payload.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTelemetry(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let (topic, payload) = FuzzInput.message(FuzzInput.bytes(start, count))
    let levels = FuzzInput.levels(topic)
    let drone = levels.count > 1 ? levels[1] : topic
    _ = try? TelemetryDecoder().decode(payload, topicDrone: drone)
    return 0
}
