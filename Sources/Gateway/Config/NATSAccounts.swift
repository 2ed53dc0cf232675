public import Compliance
import Foundation

/// The accounts block of a NATS cluster serving flowgate (`include`d by each node's configuration,
/// Deploy/nats/): the same rules as the mosquitto ACL (``BrokerACL``), in NATS's terms, plus the partition
/// mappings of ``ClusterPartitioning``.
///
/// - NATS checks a publication's permission on the subject after the account's mapping, so a drone may write
///   only `fp.<its partition>.fleet.<itself>.…`: publishing as another drone, or into another partition (where
///   another instance would judge it beside its owner), is refused.
/// - The gateway's ingress account reads the partitioned ingress subjects, and reads and writes the instances'
///   ownership protocol (`fgc.>`: presences and partition hand-overs, ``ClusterCoordinator``), which no one
///   else may read or write; its egress
///   account writes `compliant.>` and `flowgate.>` and reads the control subject. Operators write release
///   orders; consumers write nothing. Everyone else reads `compliant.>` and `flowgate.>`.
/// - Every account that subscribes at QoS 1 needs `$MQTT.sub.>`: NATS delivers an MQTT session's messages from
///   JetStream on such a subject.
/// - Native topics only: adapters' topics (DJI, MAVLink, Remote ID, KLV) are not partitioned yet.
public struct NATSAccounts: Sendable, Hashable {
    public var partitioning: ClusterPartitioning
    public var ingressAccount: String
    public var egressAccount: String
    public var operators: [String]
    /// Accounts that only read what flowgate publishes (operations centres, dashboards).
    public var consumers: [String]
    public var drones: [String]
    /// Each account's password; NATS reads them from this block (keep the file private, mode 0600).
    public var passwords: [String: String]
    public var topics: TopicScheme

    public init(
        partitioning: ClusterPartitioning, ingressAccount: String, egressAccount: String, operators: [String],
        consumers: [String] = [], drones: [String], passwords: [String: String], topics: TopicScheme = TopicScheme()
    ) {
        self.partitioning = partitioning
        self.ingressAccount = ingressAccount
        self.egressAccount = egressAccount
        self.operators = operators
        self.consumers = consumers
        self.drones = drones
        self.passwords = passwords
        self.topics = topics
    }

    /// MQTT levels as NATS tokens (`fleet/+/telemetry` is `fleet.*.telemetry`).
    static func subject(_ topic: String) -> String {
        topic.split(separator: "/", omittingEmptySubsequences: false).map { $0 == "+" ? "*" : String($0) }
            .joined(separator: ".")
    }

    /// The accounts without a password.
    public var accountsWithoutPassword: [String] {
        ([ingressAccount, egressAccount] + operators + consumers + drones).filter { passwords[$0] == nil }
    }

    /// The block's text.
    /// The subjects of the ownership protocol between instances (``ClusterCoordinator``).
    static let clusterSubjects = "fgc.>"

    public var text: String {
        let prefix = ClusterPartitioning.prefix
        // The bare levels too: an MQTT `compliant/#` subscribes to `compliant` as well as `compliant.>`.
        let readsEgress = ["compliant", "compliant.>", "flowgate", "flowgate.>", "$MQTT.sub.>"]
        var lines = [
            "# NATS accounts for flowgate, written by `flowgate config nats-accounts`. Regenerate it when drones or",
            "# operators change; every node of the cluster includes it. It holds passwords: keep it private.",
            "accounts {",
            "  FLOWGATE {",
            "    jetstream: enabled",
            "    # Each drone's messages go to its partition: fleet/D2/telemetry arrives as \(prefix)/3/fleet/D2/telemetry.",
            "    mappings: {",
        ]
        for pattern in [topics.telemetry, topics.payload] {
            let (source, destination) = partitioning.mapping(for: pattern)
            lines.append("      \(quoted(source)): \(quoted(destination))")
        }
        lines += ["    }", "    users: ["]
        lines.append(
            user(
                ingressAccount, publish: [Self.clusterSubjects],
                subscribe: [topics.telemetry, topics.payload].map { "\(prefix).*.\(Self.subject($0.subscription))" }
                    + [Self.clusterSubjects, "$MQTT.sub.>"]))
        lines.append(
            user(
                egressAccount, publish: ["compliant.>", "flowgate.>"],
                subscribe: [Self.subject(topics.control), "$MQTT.sub.>"]))
        for account in operators {
            lines.append(user(account, publish: [Self.subject(topics.control)], subscribe: readsEgress))
        }
        for account in consumers {
            lines.append(user(account, publish: [], subscribe: readsEgress))
        }
        for drone in drones.sorted() {
            let partition = partitioning.partition(of: drone)
            let own = [topics.telemetry.topic(for: drone), topics.payload.topic(for: drone, stream: "+")]
            lines.append(
                user(drone, publish: own.map { "\(prefix).\(partition).\(Self.subject($0))" }, subscribe: readsEgress))
        }
        lines += ["    ]", "  }", "}"]
        return lines.joined(separator: "\n") + "\n"
    }

    private func user(_ account: String, publish: [String], subscribe: [String]) -> String {
        let publishRule =
            publish.isEmpty ? "{deny: [\">\"]}" : "{allow: [\(publish.map(quoted).joined(separator: ", "))]}"
        let subscribeRule = "{allow: [\(subscribe.map(quoted).joined(separator: ", "))]}"
        return "      {user: \(quoted(account)), password: \(quoted(passwords[account] ?? "")), "
            + "permissions: {publish: \(publishRule), subscribe: \(subscribeRule)}}"
    }

    /// A NATS configuration string: double-quoted, with quotes and backslashes escaped.
    private func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
