import Adapters
public import Compliance
public import Foundation

/// DJI Cloud API: `thing/product/{aircraft_sn}/osd`, and `thing/product/{dock_sn}/drc/up` of mapped docks.
public struct DJIFormat: MessageFormat {
    let adapter: DJICloudAdapter
    /// Dock SN → its aircraft's SN.
    let gateways: [String: String]

    init(adapter: DJICloudAdapter, gateways: [String: String]) {
        self.adapter = adapter
        self.gateways = gateways
    }

    public func observations(of message: IncomingMessage, at now: Date) -> [Observation]? {
        guard DJICloudAdapter.accepts(topic: message.topic) else { return nil }
        do {
            return [try adapter.decode(topic: message.topic, payload: message.payload).observation]
        } catch {
            return [.unreadable(error, drone: drone(of: message.topic), stream: nil)]
        }
    }

    /// The drone a topic is about, for attributing a rejection: the aircraft SN of `osd`, the mapped aircraft
    /// of a dock's `drc/up`; `nil` when the topic does not say.
    func drone(of topic: String) -> String? {
        let levels = topic.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard levels.count >= 4, let sn = TopicPattern.droneLevel.drone(in: "x/\(levels[2])") else { return nil }
        return levels[3] == "drc" ? gateways[sn] : sn
    }
}

extension TopicPattern {
    /// A pattern of one level below `x`, to check that a text is a valid drone id.
    fileprivate static let droneLevel = try! TopicPattern("x/{drone}")
}
