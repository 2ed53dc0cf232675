import Airspace
import Crypto
import Foundation
import Geo
import HexEncoding
import StrictJSON

/// Generates an exercise's messages in publishing order, deterministically for a seed, and decides each one's
/// ground truth with a ``GatewayModel`` as it goes.
///
/// Messages whose verdict would depend on the gateway's clock within a couple of seconds (a payload right at
/// the fix-age limit, a fix right at an authorisation's or a zone's start or end) are not published at all: a
/// live run has latency, and the truth must hold whatever it is.
public struct ExerciseGenerator: IteratorProtocol, Sendable {
    struct StreamRun: Sendable {
        var spec: StreamSpec
        var random: SeededRandom
        var seq = 0
    }

    struct DroneRun: Sendable {
        var timeline: DroneTimeline
        var random: SeededRandom
        var seq: UInt64 = 0
        /// Recent telemetry as sent, for a replay fault.
        var history: [(ms: Int, fix: FixFacts, bytes: [UInt8])] = []
        /// How far back, in ms, `history` must reach for this drone's replay faults (0: none, keep nothing).
        /// Without the bound, 200 drones kept a minute of fixes each, bytes and all, whether or not any
        /// fault would ever replay one.
        var historyReachMs = 0
        var streams: [StreamRun]
        /// Single-message faults already applied, by index in the script.
        var consumed: Set<Int> = []
        var stopMs: Int
        /// When a MAVLink drone's bridge next relays a HEARTBEAT, milliseconds after the start.
        var nextHeartbeatMs = 0
        /// The clock skew in the MAVLink drone's latest SYSTEM_TIME, in milliseconds: the gateway places this
        /// drone's fixes on its boot clock as that message anchored it.
        var bootClockSkewMs = 0
    }

    /// A source's next message: telemetry (source 0) or stream `source - 1` of a drone.
    struct Event: Sendable {
        var ms: Int
        var drone: Int
        var source: Int
        var tick: Int

        func precedes(_ other: Event) -> Bool {
            (ms, drone, source) < (other.ms, other.drone, other.source)
        }
    }

    /// How far either side of a time boundary a message is considered ambiguous, seconds.
    static let guardSeconds = 2.0

    let exercise: Exercise
    var model: GatewayModel
    var drones: [DroneRun]
    var heap: [Event] = []
    var pending: [SimulatedMessage] = []
    var pendingIndex = 0
    var emitted = 0
    let content: PayloadContent
    /// Seconds after the start at which an authorisation or a zone starts or stops applying.
    let transitions: [Double]

    init(exercise: Exercise, seed: UInt64) {
        self.exercise = exercise
        model = GatewayModel(airspace: exercise.airspace, limits: exercise.limits)
        content = PayloadContent(
            crowd: CrowdModel(spec: exercise.scenario.crowd, frame: exercise.frame), frame: exercise.frame)
        transitions = ExerciseGenerator.transitions(exercise)
        let durationMs = Int(exercise.scenario.duration * 1000)
        drones = exercise.timelines.map { timeline in
            DroneRun(
                timeline: timeline, random: SeededRandom(seed: seed, label: timeline.spec.id),
                streams: timeline.spec.streams.map {
                    StreamRun(spec: $0, random: SeededRandom(seed: seed, label: "\(timeline.spec.id)/\($0.name)"))
                }, stopMs: min(Int((timeline.spec.stop ?? exercise.scenario.duration) * 1000), durationMs))
        }
        for (index, drone) in drones.enumerated() {
            drones[index].historyReachMs = ExerciseGenerator.historyReachMs(drone.timeline)
            for source in 0...drone.streams.count { schedule(drone: index, source: source, tick: 0) }
        }
    }

    /// The farthest back a drone's replay faults look, plus two fix periods so that the fix just before that
    /// instant is still kept; 0 when the drone has no replay fault.
    static func historyReachMs(_ timeline: DroneTimeline) -> Int {
        let backs = timeline.faults.compactMap { fault -> Double? in
            if case .replay(let back) = fault.spec.action { return back }
            return nil
        }
        guard let farthest = backs.max() else { return 0 }
        let period = 1000 / timeline.spec.telemetryHz
        return Int((farthest * 1000 + 2 * period).rounded(.up))
    }

    public mutating func next() -> SimulatedMessage? {
        while pendingIndex == pending.count {
            pending.removeAll(keepingCapacity: true)
            pendingIndex = 0
            guard let event = popEvent() else { return nil }
            if event.source == 0 {
                produceTelemetry(event)
            } else {
                producePayload(event)
            }
            schedule(drone: event.drone, source: event.source, tick: event.tick + 1)
        }
        defer { pendingIndex += 1 }
        return pending[pendingIndex]
    }

    // MARK: - Schedule

    mutating func schedule(drone: Int, source: Int, tick: Int) {
        let hz = source == 0 ? drones[drone].timeline.spec.telemetryHz : drones[drone].streams[source - 1].spec.hz
        // Payload streams run half a period after telemetry, so that a fix usually precedes them.
        let phase = source == 0 ? 0 : 0.5
        let ms = Int(((Double(tick) + phase) * 1000 / hz).rounded())
        guard ms < drones[drone].stopMs else { return }
        pushEvent(Event(ms: ms, drone: drone, source: source, tick: tick))
    }

    mutating func pushEvent(_ event: Event) {
        heap.append(event)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func popEvent() -> Event? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let top = heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var first = parent
            if left < heap.count, heap[left].precedes(heap[first]) { first = left }
            if right < heap.count, heap[right].precedes(heap[first]) { first = right }
            if first == parent { break }
            heap.swapAt(parent, first)
            parent = first
        }
        return top
    }

    // MARK: - Output

    /// - Parameter seq: a native fix's `seq`, which the truth keeps (see ``TruthLine/droneSeq``).
    mutating func emit(
        ms: Int, drone: String, topic: String, bytes: [UInt8], kind: MessageKind, expectation: Expectation,
        fault: String?, seq: Int? = nil
    ) {
        emitted += 1
        let time = exercise.scenario.time(at: Double(ms) / 1000)
        let digest = SHA256.hash(data: bytes).hexString
        let truth = TruthLine(
            index: emitted, time: time, topic: topic, digest: digest, kind: kind, expected: expectation.verdict,
            reasons: expectation.reasons, fault: fault, droneSeq: seq.map { DroneSeq(drone: drone, seq: $0) })
        pending.append(SimulatedMessage(time: time, drone: drone, topic: topic, payload: bytes, truth: truth))
    }

    /// Seconds at which any authorisation or zone of the site starts or stops applying during the exercise.
    static func transitions(_ exercise: Exercise) -> [Double] {
        let bundle = exercise.airspace.bundle
        func key(_ seconds: Double) -> [Bool] {
            let time = exercise.scenario.time(at: seconds)
            return bundle.authorisations.map { $0.isValid(at: time) }
                + bundle.zones.map { $0.activity.isActive(at: time) }
        }
        var result: [Double] = []
        var seconds = -guardSeconds - 1
        var previous = key(seconds)
        while seconds < exercise.scenario.duration + guardSeconds + 1 {
            seconds += 0.25
            let current = key(seconds)
            if current != previous { result.append(seconds) }
            previous = current
        }
        return result
    }

    func nearTransition(_ seconds: Double) -> Bool {
        transitions.contains { abs($0 - seconds) <= ExerciseGenerator.guardSeconds + 0.5 }
    }

    /// Whether the compliance of `fix` changes within the guard either side of `seconds`.
    func changesNear(_ fix: FixFacts, seconds: Double) -> Bool {
        guard nearTransition(seconds) else { return false }
        let g = ExerciseGenerator.guardSeconds
        let codes = [seconds - g, seconds, seconds + g].map { t in
            model.assessment(of: fix, at: exercise.scenario.time(at: t)).reasons.map(\.code)
        }
        return codes[0] != codes[1] || codes[1] != codes[2]
    }
}
