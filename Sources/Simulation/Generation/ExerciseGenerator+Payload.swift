import Foundation
import Geo
import StrictJSON

extension ExerciseGenerator {
    mutating func producePayload(_ event: Event) {
        var drone = drones[event.drone]
        defer { drones[event.drone] = drone }
        let seconds = Double(event.ms) / 1000
        let streamIndex = event.source - 1
        drone.streams[streamIndex].seq += 1
        let stream = drone.streams[streamIndex].spec
        let spec = drone.timeline.spec
        let now = exercise.scenario.time(at: seconds)
        guard !isAmbiguous(drone: spec.id, at: seconds) else { return }

        var label = droneFault(drone, at: seconds)?.spec.kind.rawValue
        var product = stream.product
        var zoom: Double?
        var codes: [String] = []
        var identification = false
        var tampering = PayloadContent.Tampering()
        if let fault = drone.timeline.active(seconds, { $0.kind == .zoomPastCeiling && $0.stream == stream.name }),
            case .zoom(_, let level) = fault.spec.action
        {
            zoom = level
            codes.append("pixel_density_exceeded")
            label = fault.spec.kind.rawValue
        }
        if let fault = drone.timeline.active(seconds, { $0.kind == .smallCountCell && $0.stream == stream.name }),
            case .smallCount(_, let count) = fault.spec.action
        {
            tampering.smallCount = count
            codes.append("small_count_suppressed")
            label = fault.spec.kind.rawValue
        }
        let single = dueFault(
            drone, stream: stream.name, at: seconds, [.faceProduct, .smuggleTrackID, .smallCountCell])
        if let fault = single {
            drone.consumed.insert(fault.index)
            label = fault.kind.rawValue
            switch fault.action {
            case .product(_, let identifying):
                product = identifying
                codes.append("identification_product")
                identification = true
            case .smuggle(_, let key):
                tampering.smuggledKey = key
                // A key the product's schema does not define is also an undefined field.
                codes += ["identifying_field", "undefined_field"]
                identification = true
            case .smallCount(_, let count):
                tampering.smallCount = count
                codes.append("small_count_suppressed")
            default: break
            }
        }
        let seq = drone.streams[streamIndex].seq
        let data =
            identification && tampering.smuggledKey == nil
            ? ["frame_ref": .string("urn:flowgate:frame:\(spec.id):\(stream.name):\(seq)")]
            : content.data(
                for: stream, drone: spec.id, seq: seq, under: drone.timeline.truePosition(at: seconds).point,
                seconds: seconds, tampering: tampering, random: &drone.streams[streamIndex].random)
        let payloadMission = mission(drone, at: seconds)
        let object = MessageBuilder.envelope(
            drone: spec.id, mission: payloadMission, stream: stream.name, seq: seq, time: now, product: product,
            sensor: stream.sensor, zoom: zoom, data: data)
        let topic = "fleet/\(spec.id)/payload/\(stream.name)"

        if let fault = dueFault(
            drone, stream: stream.name, at: seconds, [.malformedJSON, .oversizedMessage, .spoofedDroneID])
        {
            drone.consumed.insert(fault.index)
            let (bytes, code) = ExerciseGenerator.corrupt(object, fault)
            emit(
                ms: event.ms, drone: spec.id, topic: topic, bytes: bytes, kind: .payload,
                expectation: Expectation(verdict: .block, reasons: [code]), fault: fault.kind.rawValue)
            return
        }
        let (expectation, suspendedBy) = model.payload(
            drone: spec.id, stream: stream.name, mission: payloadMission, content: codes,
            identification: identification,
            fault: label, time: now, at: now)
        emit(
            ms: event.ms, drone: spec.id, topic: topic, bytes: MessageBuilder.bytes(object), kind: .payload,
            expectation: expectation, fault: suspendedBy ?? label)
    }

    /// Whether a payload's verdict at `seconds` would depend on the gateway's clock: the drone's last fix is
    /// close to the age limit, or an authorisation or zone changes between that fix and shortly after now.
    func isAmbiguous(drone: String, at seconds: Double) -> Bool {
        guard let state = model.drones[drone] else { return false }
        let g = ExerciseGenerator.guardSeconds
        let fixSeconds = min(state.received, state.fix.time).timeIntervalSince(exercise.scenario.start)
        if abs(seconds - fixSeconds - exercise.limits.maximumFixAge) < 1.5 { return true }
        return transitions.contains { $0 >= fixSeconds - g - 0.5 && $0 <= seconds + g + 0.5 }
    }
}
