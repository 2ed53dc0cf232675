import Compliance
import Foundation
import FuzzSupport
import Pipeline
import StrictJSON

/// The gateway's whole decision on raw ingress bytes: ``Replay`` runs each message through the pipeline (native
/// telemetry and payload, the four adapters, release orders on the control topic) and the engine with its
/// per-drone state, and describes the decision as the replay output does.
///
/// Input: up to 64 messages separated by `\n%%\n`, each its topic line and payload. A topic line may end in
/// ` @SECONDS`, the arrival time relative to ``FuzzClock/now``; otherwise messages arrive half a second apart.
/// A fresh gateway per input, so that every input reproduces alone.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRouter(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    var replay = Replay(
        engine: ComplianceEngine(airspace: FuzzSite.airspace, policy: FuzzSite.policy), adapters: FuzzSite.adapters)
    let control = replay.engine.policy.topics.control
    for (index, part) in FuzzInput.parts(FuzzInput.bytes(start, count), limit: 64).enumerated() {
        var (line, payload) = FuzzInput.message(part)
        var time = FuzzClock.arrival(index)
        if let at = line.range(of: " @", options: .backwards), let seconds = Double(line[at.upperBound...]),
            abs(seconds) < 1e9
        {
            time = FuzzClock.now.addingTimeInterval(seconds)
            line = String(line[..<at.lowerBound])
        }
        if line == control { payload = FuzzSite.signingPlaceholder(payload) }
        for decision in replay.run(RecordedMessage(time: time, topic: line, payload: payload), line: index + 1) {
            _ = JSONWriter.bytes(.object(decision))
        }
    }
    return 0
}
