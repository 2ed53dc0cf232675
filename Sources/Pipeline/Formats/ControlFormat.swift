public import Compliance
public import Foundation

/// Operators' release orders on the control topic (`flowgate/control/release`): live from the consumers' broker
/// and in replay, through the same engine step.
public struct ControlFormat: MessageFormat {
    let topic: String

    public init(topic: String) {
        self.topic = topic
    }

    public func observations(of message: IncomingMessage, at now: Date) -> [Observation]? {
        guard message.topic == topic else { return nil }
        do {
            return [.releaseOrder(try ReleaseOrder(json: message.payload), retained: message.retained)]
        } catch {
            return [.unreadableOrder(error)]
        }
    }
}
