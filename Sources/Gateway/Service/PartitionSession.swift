import MQTT

/// With failover: the ingress session of one partition this instance owns now, the task that judges its
/// messages, and the task that follows its connection.
struct PartitionSession {
    var client: MQTTClient
    var bridge: Task<[MQTTMessage], Never>
    var watcher: Task<Void, Never>
}
