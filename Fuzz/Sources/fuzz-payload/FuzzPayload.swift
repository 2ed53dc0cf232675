import Compliance
import FuzzSupport

/// Native payload v1 as the engine inspects it: the fast path, the strict decoder (envelope, product schemas,
/// sensor), the identification classifier and deep scan, the raw-bytes scan of what does not decode,
/// aggregation and optics rules; with and without an adapter's reported camera.
///
/// Input: the topic line (`fleet/{drone}/payload/{stream}`), then the payload.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPayload(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let (topic, payload) = FuzzInput.message(FuzzInput.bytes(start, count))
    let levels = FuzzInput.levels(topic)
    let drone = levels.count > 1 ? levels[1] : topic
    let stream = levels.count > 3 ? levels[3] : "cam0"
    let inspector = PayloadInspector()
    _ = inspector.inspect(payload, topicDrone: drone, topicStream: stream, heightAboveGround: 80)
    let camera = ReportedCamera(zoom: 2, slantRange: 120, depression: 45)
    _ = inspector.inspect(payload, topicDrone: drone, topicStream: stream, heightAboveGround: nil, reported: camera)
    return 0
}
