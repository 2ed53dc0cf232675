import Foundation
import Geo
import MQTT
import StrictJSON

extension GatewayBench {
    /// Publishes `total` fixes at ``rate`` a second, round-robin over the drones, noting when each was sent.
    func publishPaced(_ total: Int, from publisher: MQTTClient, clock: BenchClock, sent: SentTimes) async throws {
        let wall = ContinuousClock()
        let start = wall.now
        for key in 0..<total {
            let due = start + .seconds(Double(key) / rate)
            if due > wall.now { try await Task.sleep(until: due, clock: wall) }
            let (topic, payload) = BenchMessages.fix(drone: key % drones, seq: key / drones + 1, at: clock.now())
            sent.record(key, wall.now)
            try publisher.send(MQTTMessage(topic: topic, payload: payload, qos: 1))
        }
    }

    /// Each forwarded fix's key (its place in the sending order) and seconds from sending to arrival, until
    /// `total` arrived or `seconds` passed.
    func collectLatencies(_ total: Int, from consumer: MQTTClient, sent: SentTimes, within seconds: Double)
        async -> [(key: Int, seconds: Double)]
    {
        let drones = self.drones
        let collector = Task { () -> [(key: Int, seconds: Double)] in
            var latencies: [(key: Int, seconds: Double)] = []
            for await message in consumer.messages {
                guard let object = try? JSONParser.parse(message.payload), let seq = object["seq"]?.doubleValue,
                    let drone = object["drone"]?.stringValue, let index = Int(drone.dropFirst())
                else { continue }
                let key = (Int(seq) - 1) * drones + index - 1
                if let at = sent.time(key) { latencies.append((key, (ContinuousClock.now - at).seconds)) }
                if latencies.count == total { break }
            }
            return latencies
        }
        let timer = Task {
            guard (try? await Task.sleep(for: .seconds(seconds))) != nil else { return }
            collector.cancel()
        }
        defer { timer.cancel() }
        return await collector.value
    }
}
