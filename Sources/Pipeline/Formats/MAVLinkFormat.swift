import Adapters
public import Compliance
public import Foundation

/// MAVLink as MAVProxy's mqtt module publishes it, under `{prefix}`. Keeps each drone's armed state and boot
/// time between messages.
public struct MAVLinkFormat: MessageFormat {
    var adapter: MAVLinkJSONAdapter
    let prefix: TopicPattern

    init(adapter: MAVLinkJSONAdapter, prefix: TopicPattern) {
        self.adapter = adapter
        self.prefix = prefix
    }

    public mutating func observations(of message: IncomingMessage, at now: Date) -> [Observation]? {
        guard let slash = message.topic.lastIndex(of: "/"),
            let drone = prefix.drone(in: String(message.topic[..<slash]))
        else { return nil }
        do {
            switch try adapter.decode(topic: message.topic, payload: message.payload, receivedAt: now) {
            case .telemetry(let adapted): return [adapted.observation]
            case .heartbeat(let drone, _), .systemTime(let drone, _): return [.status(drone: drone)]
            }
        } catch {
            return [.unreadable(error, drone: drone, stream: nil)]
        }
    }
}
