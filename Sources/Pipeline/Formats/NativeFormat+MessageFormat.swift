public import Compliance
public import Foundation

extension NativeFormat: MessageFormat {
    public func observations(of message: IncomingMessage, at now: Date) -> [Observation]? {
        accepts(topic: message.topic) ? [observation(topic: message.topic, payload: message.payload)] : nil
    }
}
