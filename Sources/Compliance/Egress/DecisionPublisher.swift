/// Turns a decision into the messages to publish, on the topics the policy names: the egress message first,
/// then the events. The engine decides; this writes.
public struct DecisionPublisher: Sendable {
    let topics: TopicScheme

    public init(topics: TopicScheme) {
        self.topics = topics
    }

    public func publications(for decision: Decision) -> [Publication] {
        var publications: [Publication] = []
        publications.reserveCapacity(decision.events.count + 1)
        if let egress = decision.egress { publications.append(publication(for: egress, decision)) }
        for event in decision.events { publications.append(publication(for: event)) }
        return publications
    }

    /// An event, on its drone's events topic (the unattributed one when no drone is known).
    public func publication(for event: EngineEvent) -> Publication {
        Publication(
            topic: topics.events.topic(for: event.drone ?? TopicScheme.unattributed),
            payload: EventMessage.bytes(event), qos: 1)
    }

    private func publication(for egress: EgressContent, _ decision: Decision) -> Publication {
        switch egress {
        case .telemetry(let fix, let assessment, let checkedAt):
            Publication(
                topic: topics.compliantTelemetry.topic(for: fix.drone),
                payload: EgressTelemetry.bytes(
                    fix, state: decision.state ?? .breach,
                    breaches: decision.findings.filter { $0.severity != .warning },
                    warnings: decision.findings.filter { $0.severity == .warning }, assessment: assessment,
                    now: checkedAt),
                qos: 1, isForward: true)
        case .payload(let bytes, let stream):
            Publication(
                topic: topics.compliantPayload.topic(for: decision.drone ?? TopicScheme.unattributed, stream: stream),
                payload: bytes, qos: 1, isForward: true)
        }
    }
}
