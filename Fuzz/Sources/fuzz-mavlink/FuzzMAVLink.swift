import Adapters
import Compliance
import FuzzSupport

/// The MAVLink JSON adapter (MAVProxy's mqtt module) with its per-drone state: HEARTBEAT's armed state,
/// SYSTEM_TIME's boot clock, GLOBAL_POSITION_INT placed on it.
///
/// Input: messages separated by `\n%%\n`, each its topic line (`mavlink/{drone}/{TYPE}`) and payload, arriving
/// half a second apart to one adapter. Every drone a topic names has a mission.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMAVLink(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let messages = FuzzInput.parts(FuzzInput.bytes(start, count), limit: 64).map(FuzzInput.message)
    var missions: [String: String] = [:]
    for (topic, _) in messages {
        let levels = FuzzInput.levels(topic)
        if levels.count > 1 { missions[levels[1]] = "M-1" }
    }
    var adapter = MAVLinkJSONAdapter(
        prefix: try! TopicPattern("mavlink/{drone}"), missions: MissionAssignments(missions))
    for (index, (topic, payload)) in messages.enumerated() {
        _ = try? adapter.decode(topic: topic, payload: payload, receivedAt: FuzzClock.arrival(index))
    }
    return 0
}
