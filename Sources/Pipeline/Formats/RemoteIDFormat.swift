import Adapters
public import Compliance
public import Foundation

/// ASTM F3411 network Remote ID: one aircraft state per message on a per-drone topic, and, on its own topic,
/// `GetFlightsResponse` documents with many aircraft, each judged on its own.
public struct RemoteIDFormat: MessageFormat {
    let adapter: RemoteIDAdapter
    let stateTopic: TopicPattern
    let flightsTopic: String?

    init(adapter: RemoteIDAdapter, stateTopic: TopicPattern, flightsTopic: String?) {
        self.adapter = adapter
        self.stateTopic = stateTopic
        self.flightsTopic = flightsTopic
    }

    public func observations(of message: IncomingMessage, at now: Date) -> [Observation]? {
        if let drone = stateTopic.drone(in: message.topic) {
            do {
                return [try adapter.decodeState(message.payload, drone: drone).observation]
            } catch {
                return [.unreadable(error, drone: drone, stream: nil)]
            }
        }
        guard message.topic == flightsTopic else { return nil }
        return flights(message.payload)
    }

    /// One observation per flight: a flight that cannot be read (or is not ours: unmapped) is refused on its
    /// own, without its neighbours. A response that cannot be read, or lists no flight, is refused whole.
    func flights(_ payload: [UInt8]) -> [Observation] {
        do {
            let results = try adapter.decodeFlights(payload)
            guard !results.isEmpty else {
                return [
                    .unreadable(
                        Rejection(.invalidField, field: "flights", problem: "the response lists no flight"),
                        drone: nil, stream: nil)
                ]
            }
            return results.map { result in
                switch result {
                case .success(let adapted): adapted.observation
                case .failure(let rejection): .unreadable(rejection, drone: nil, stream: nil)
                }
            }
        } catch {
            return [.unreadable(error, drone: nil, stream: nil)]
        }
    }
}
