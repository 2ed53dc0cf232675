/// flowgate's own JSON on the policy's topics: telemetry on `fleet/{drone}/telemetry`, payload on
/// `fleet/{drone}/payload/{stream}` (Docs/PRODUCT.md). Reads a message into the observation the engine decides
/// about; the payload's content is read by the engine itself, under the purpose rules.
public struct NativeFormat: Sendable {
    let topics: TopicScheme
    let decoder: TelemetryDecoder

    public init(policy: CompliancePolicy) {
        self.init(policy: policy, decoder: TelemetryDecoder(maximumBytes: policy.maximumBytes))
    }

    init(policy: CompliancePolicy, decoder: TelemetryDecoder) {
        topics = policy.topics
        self.decoder = decoder
    }

    /// Whether the topic is a native telemetry or payload topic.
    public func accepts(topic: String) -> Bool {
        topics.telemetry.drone(in: topic) != nil || topics.payload.match(topic)?.stream != nil
    }

    /// The observation a native message makes; an unknown topic is unreadable (fail closed).
    public func observation(topic: String, payload: some Collection<UInt8>) -> Observation {
        guard let drone = topics.telemetry.drone(in: topic) else {
            if let match = topics.payload.match(topic), let stream = match.stream {
                return .payload(Array(payload), drone: match.drone, stream: stream)
            }
            return .unreadable(NativeFormat.unknownTopic, drone: nil, stream: nil)
        }
        do {
            return .fix(try decoder.decode(payload, topicDrone: drone), cameras: nil)
        } catch {
            return .unreadable(error, drone: drone, stream: nil)
        }
    }

    /// Why a message on a topic no format takes is refused.
    public static let unknownTopic = Rejection(.unknownTopic, problem: "no telemetry or payload topic pattern matches")
}
