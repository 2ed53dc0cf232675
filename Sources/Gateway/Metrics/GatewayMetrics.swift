public import Compliance
public import MQTT
public import Prometheus
import Synchronization

/// The gateway's numbers for Prometheus: messages by verdict and by reason, processing time from receipt to
/// the last publication, and the state of both broker connections.
public final class GatewayMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    private let processing: DurationHistogram
    private let ingressConnected: Gauge
    private let egressConnected: Gauge
    /// The custody window: messages and bytes held now, and how often the intake waited for room.
    private let custodyMessages: Gauge
    private let custodyBytes: Gauge
    private let custodyWaits: Gauge
    /// The counters already made, by verdict and by code: the registry's lookup by name and labels (a lock,
    /// the name built and hashed) cost more per message than the increment itself.
    private let verdictCounters = Mutex<[String: Counter]>([:])
    private let codeCounters = Mutex<[String: Counter]>([:])

    public init() {
        processing = registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                namespace: "flowgate", metricName: "processing", unitName: "seconds",
                helpText: "Time from receiving a message to its last publication"),
            buckets: [
                .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2),
                .milliseconds(5), .milliseconds(10), .milliseconds(50), .milliseconds(250), .seconds(1),
            ])
        ingressConnected = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "flowgate", metricName: "connected", unitName: "",
                helpText: "1 while the broker connection is up"),
            labels: [("broker", "ingress")])
        egressConnected = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "flowgate", metricName: "connected", unitName: "",
                helpText: "1 while the broker connection is up"),
            labels: [("broker", "egress")])
        custodyMessages = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "flowgate", metricName: "custody_messages", unitName: "",
                helpText: "Messages acknowledged to the drones' broker and not yet safe (recorded and delivered)"))
        custodyBytes = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "flowgate", metricName: "custody", unitName: "bytes",
                helpText: "Bytes of the messages in custody"))
        custodyWaits = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "flowgate", metricName: "custody_full_waits", unitName: "",
                helpText: "Times the intake stopped reading because the custody window was full"))
    }

    /// The custody window's state, sampled.
    public func custody(_ usage: CustodyWindow.Usage) {
        custodyMessages.set(to: Double(usage.messages))
        custodyBytes.set(to: Double(usage.bytes))
        custodyWaits.set(to: Double(usage.fullWaits))
    }

    /// Counts one decision: its verdict, and each reason or rejection code once.
    public func record(_ decision: Decision, processing duration: Duration) {
        messages(decision.verdict.rawValue).increment()
        if !decision.findings.isEmpty || decision.rejection != nil {
            for code in Set(
                decision.findings.map(\.code.rawValue) + [decision.rejection?.code.rawValue].compactMap { $0 })
            {
                reasons(code).increment()
            }
        }
        processing.record(duration)
    }

    public func connection(ingress: Bool, up: Bool) {
        (ingress ? ingressConnected : egressConnected).set(to: up ? 1.0 : 0.0)
    }

    private func messages(_ verdict: String) -> Counter {
        verdictCounters.withLock { counters in
            if let counter = counters[verdict] { return counter }
            let counter = registry.makeCounter(
                descriptor: MetricNameDescriptor(
                    namespace: "flowgate", metricName: "messages", unitName: "total", helpText: "Messages by verdict"),
                labels: [("verdict", verdict)])
            counters[verdict] = counter
            return counter
        }
    }

    private func reasons(_ code: String) -> Counter {
        codeCounters.withLock { counters in
            if let counter = counters[code] { return counter }
            let counter = registry.makeCounter(
                descriptor: MetricNameDescriptor(
                    namespace: "flowgate", metricName: "reasons", unitName: "total",
                    helpText: "Messages by reason or rejection code"),
                labels: [("code", code)])
            counters[code] = counter
            return counter
        }
    }

    /// The Prometheus text exposition of everything.
    public func exposition() -> [UInt8] { registry.emitToBuffer() }
}
