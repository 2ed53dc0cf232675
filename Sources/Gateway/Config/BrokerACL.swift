public import Compliance
public import Pipeline

/// The rules of a mosquitto `acl_file` for a flowgate deployment, written from its configuration and bundle:
/// the broker cannot be bypassed, and nobody can pose as another.
///
/// - Each drone account (the drone's id) writes only its own ingress topics: native telemetry and payload,
///   and the adapters' topics when the configuration has adapters. There is no `pattern write` that every
///   account would share, so a consumer or an operator cannot publish under `fleet/` as a drone.
/// - The gateway's ingress account reads the ingress topics; its egress account writes `compliant/` and
///   `flowgate/` and reads the control topic. Two accounts, because the shipped broker binds each client id
///   to its account (`use_username_as_clientid`): the gateway's sessions cannot be taken over by another
///   account, and its own two sessions must not take each other's id.
/// - Operators write release orders on the control topic; everyone authenticated reads `compliant/#` and
///   `flowgate/#`.
public struct BrokerACL: Sendable, Hashable {
    public var ingressAccount: String
    public var egressAccount: String
    public var operators: [String]
    public var drones: [String]
    public var topics: TopicScheme
    public var adapters: AdapterSettings

    public init(
        ingressAccount: String, egressAccount: String, operators: [String], drones: [String],
        topics: TopicScheme = TopicScheme(), adapters: AdapterSettings = AdapterSettings()
    ) {
        self.ingressAccount = ingressAccount
        self.egressAccount = egressAccount
        self.operators = operators
        self.drones = drones
        self.topics = topics
        self.adapters = adapters
    }

    /// What one drone account may write.
    func droneTopics(_ drone: String) -> [String] {
        var topics = [self.topics.telemetry.topic(for: drone), self.topics.payload.topic(for: drone, stream: "+")]
        if adapters.djiCloudAPI != nil { topics += ["thing/product/\(drone)/osd", "thing/product/\(drone)/drc/up"] }
        if let mavlink = adapters.mavlinkJSON { topics.append("\(mavlink.prefix.topic(for: drone))/+") }
        if let remoteID = adapters.remoteID { topics.append(remoteID.topic.topic(for: drone)) }
        if let klv = adapters.misbKLV { topics.append(klv.topic.topic(for: drone, stream: "+")) }
        return topics
    }

    /// The file's text.
    public var text: String {
        var lines = [
            "# mosquitto acl_file for flowgate, written by `flowgate config acl`. Regenerate it when drones, operators",
            "# or adapters change. Every client authenticates (allow_anonymous false) and its client id is its",
            "# account (use_username_as_clientid true): see Deploy/mosquitto.conf.",
            "",
            "# Everyone authenticated reads what flowgate publishes.",
            "pattern read compliant/#",
            "pattern read flowgate/#",
            "",
            "# The gateway's ingress session reads what drones publish.",
            "user \(ingressAccount)",
            "topic read \(topics.telemetry.subscription)",
            "topic read \(topics.payload.subscription)",
        ]
        lines += adapters.subscriptions.map { "topic read \($0)" }
        lines += [
            "",
            "# The gateway's egress session writes what consumers read, and reads operators' release orders.",
            "user \(egressAccount)",
            "topic write compliant/#",
            "topic write flowgate/#",
            "topic read \(topics.control)",
            "",
            "# Operators: release orders for suspended streams (each order is audited).",
        ]
        for account in operators {
            lines += ["user \(account)", "topic write \(topics.control)"]
        }
        lines += ["", "# Drones: each writes only its own ingress topics."]
        for drone in drones.sorted() {
            lines.append("user \(drone)")
            lines += droneTopics(drone).map { "topic write \($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
