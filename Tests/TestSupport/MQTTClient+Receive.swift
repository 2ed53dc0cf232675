public import MQTT

extension MQTTClient {
    /// The next `count` messages, or fewer if `seconds` pass first (a timeout is the end of a test).
    public func receive(_ count: Int, within seconds: Double = 5) async -> [MQTTMessage] {
        let collector = Task { () -> [MQTTMessage] in
            var received: [MQTTMessage] = []
            for await message in messages {
                received.append(message)
                if received.count == count { break }
            }
            return received
        }
        let timer = Task {
            guard (try? await Task.sleep(for: .seconds(seconds))) != nil else { return }
            collector.cancel()
        }
        let received = await collector.value
        timer.cancel()
        return received
    }
}
