public import Compliance
public import Foundation

/// One wire format's reader: it claims the topics it reads and turns each of their messages into the
/// observations the engine decides about (several, when one message carries many aircraft).
public protocol MessageFormat: Sendable {
    /// The observations one message makes, or `nil` when its topic is not this format's. A message the format
    /// claims but cannot read is an ``Observation/unreadable(_:drone:stream:)`` observation, never dropped.
    /// - Parameter now: the gateway's clock (MAVLink's boot time is mapped with it).
    mutating func observations(of message: IncomingMessage, at now: Date) -> [Observation]?
}
