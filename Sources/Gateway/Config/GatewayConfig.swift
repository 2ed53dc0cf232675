public import Airspace
public import Audit
public import Compliance
public import Foundation
public import MQTT
public import Pipeline

/// Everything the gateway is configured with: where the bundle is, how to reach both brokers, the topics, the
/// limits and the modes.
public struct GatewayConfig: Sendable {
    /// The zone and authorisation bundle folder.
    public var bundle: URL
    public var ingress: BrokerSettings
    public var egress: BrokerSettings
    /// What the engine enforces and where it publishes: limits, payload rules, modes and topics.
    public var policy: CompliancePolicy
    /// Where the gateway's retained `online`/`offline` status goes.
    public var statusTopic: String
    /// The loopback port serving Prometheus metrics at `/metrics`; `nil` serves none.
    public var metricsPort: UInt16?
    /// Seconds between the counter summaries in the log.
    public var summaryInterval: Double = 60
    /// The QoS of compliant telemetry and payload on the consumers' broker (events and status are always QoS 1).
    public var forwardQoS = ForwardQoS.arrival
    /// What the gateway may hold at once between the drones' broker and safety (`custody:`): the bound on what a
    /// crash can lose, and on the memory messages take.
    public var custody = CustodySettings()
    /// The partitions this instance owns in a cluster (`cluster:`); `nil` for a gateway that takes the whole fleet.
    public var cluster: ClusterSettings?
    /// The gateway's time for a wall-clock instant: the instant itself, or in an exercise the clock the simulator
    /// shares. Each message is judged at the gateway's time of its arrival, so a backlog in the gateway does not
    /// age fixes (or make a payload's fix look stale).
    public var clock: @Sendable (Date) -> Date = { $0 }
    /// Called as each message taken from the drones' broker starts being judged, before ``clock`` is read for
    /// it: an exercise clock that must not run ahead of what the gateway has received counts them (the demo's).
    public var onJudging: (@Sendable () -> Void)?
    /// How the bundle's ED-269 / ED-318 files map onto zone kinds.
    public var zoneImport = ZoneImportOptions()
    /// The tamper-evident record; `nil` records nothing.
    public var audit: AuditSettings?
    /// Where each signed checkpoint of the record is published as it is made (retained, QoS 1, a C2SP signed
    /// note), so that an oversight body keeps a copy off the gateway's disk.
    public var checkpointTopic = "flowgate/checkpoints"
    /// Where the gateway announces what concerns no one drone: a bundle reloaded or refused (QoS 1).
    public var gatewayEventsTopic = "flowgate/gateway/events"
    /// The configuration file the gateway was started with, for the digest in the record.
    public var sourceFile: URL?
    /// The foreign formats the gateway takes besides native JSON (`adapters:`); empty by default.
    public var adapters = AdapterSettings()
    /// The live console (`console:`); `nil` serves none unless `flowgate run --console` asks for it.
    public var console: ConsoleSettings?

    public init(
        bundle: URL, ingress: BrokerSettings, egress: BrokerSettings, policy: CompliancePolicy = CompliancePolicy(),
        statusTopic: String = "flowgate/status"
    ) {
        self.bundle = bundle
        self.ingress = ingress
        self.egress = egress
        self.policy = policy
        self.statusTopic = statusTopic
    }
}

/// The QoS the gateway forwards compliant telemetry and payload with.
public enum ForwardQoS: Sendable, Hashable {
    /// The QoS the message arrived with (the lower of the publisher's and the gateway's subscription, 1), as
    /// a bridge does: the gateway neither adds a guarantee the publisher did not ask for nor drops one.
    case arrival
    /// Always this QoS (0, 1 or 2).
    case fixed(Int)

    /// The QoS for a forward of a message that arrived with `arrival`.
    public func qos(arrival: Int) -> Int {
        switch self {
        case .arrival: arrival
        case .fixed(let qos): qos
        }
    }
}

/// Where and how the gateway keeps its record.
public struct AuditSettings: Sendable {
    /// The SQLite file (created when missing; a restart continues its chain).
    public var path: URL
    public var options: AuditOptions
    /// One fix per drone per this many seconds goes into the record's track (plus every change of state).
    public var trackInterval: Double = 1
    /// Seconds between the per-drone counts of forwarded, redacted and blocked messages.
    public var tallyInterval: Double = 10
    /// Seconds over which forwarded payloads are summed per drone, stream and product into one `payload_summary`
    /// record; 0 records every forwarded payload on its own.
    public var payloadSummaryInterval: Double = 1

    public init(path: URL, options: AuditOptions = AuditOptions()) {
        self.path = path
        self.options = options
    }
}

/// How to reach one MQTT broker.
public struct BrokerSettings: Sendable, Hashable {
    public var host: String
    public var port: Int
    public var clientID: String
    public var username: String?
    /// The password itself, read from the configuration or from the file it names.
    public var password: String?
    public var keepAlive: Int
    public var tls: TLSSettings?
    /// Other nodes of the same broker cluster (`alternates`), tried in turn when the current one is unreachable.
    public var alternates: [BrokerAddress] = []
    /// Seconds unreachable before the next address is tried (`switch_after_s`).
    public var switchAfter: Double = 3

    public init(
        host: String, port: Int, clientID: String, username: String? = nil, password: String? = nil,
        keepAlive: Int = 30, tls: TLSSettings? = nil
    ) {
        self.host = host
        self.port = port
        self.clientID = clientID
        self.username = username
        self.password = password
        self.keepAlive = keepAlive
        self.tls = tls
    }
}

public struct TLSSettings: Sendable, Hashable {
    public var caFile: URL
    public var certificateFile: URL?
    public var keyFile: URL?
}

/// One problem in a configuration file, located by line and key path.
public struct ConfigIssue: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var key: String
    public var value: String
    public var problem: String

    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): \(key) = \(value): \(problem)"
    }
}

/// Every problem found in one configuration file.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public var issues: [ConfigIssue]

    public var description: String { issues.map(\.description).joined(separator: "\n") }
}
