import Adapters
public import Compliance

/// Which foreign formats the gateway takes, on which topics, and which mission each of their drones flies
/// (the `adapters:` section of the configuration). Empty: native JSON only.
public struct AdapterSettings: Sendable, Hashable {
    /// Drone id → mission, for formats that carry no mission id (all four).
    public var missions: [String: String] = [:]
    public var djiCloudAPI: DJISettings?
    public var mavlinkJSON: MAVLinkSettings?
    public var remoteID: RemoteIDSettings?
    public var misbKLV: KLVSettings?

    public init() {}

    /// The settings an exercise's drones need (as the simulator describes them): the missions of drones whose
    /// format carries none, DJI on its standard topics, MAVLink and Remote ID on the given patterns.
    /// - Throws: ``TopicPatternError`` for a pattern without `{drone}`.
    public init(
        missions: [String: String], djiCloudAPI: Bool, mavlinkPrefix: String?, remoteIDTopic: String?
    ) throws(TopicPatternError) {
        self.missions = missions
        if djiCloudAPI { self.djiCloudAPI = DJISettings() }
        if let mavlinkPrefix { mavlinkJSON = MAVLinkSettings(prefix: try TopicPattern(mavlinkPrefix)) }
        if let remoteIDTopic { remoteID = RemoteIDSettings(topic: try TopicPattern(remoteIDTopic)) }
    }

    /// DJI Cloud API: `thing/product/{aircraft_sn}/osd`, and `thing/product/{dock_sn}/drc/up` for the docks in
    /// ``gateways``.
    public struct DJISettings: Sendable, Hashable {
        /// Dock (gateway) SN → its aircraft's SN.
        public var gateways: [String: String] = [:]
        public init(gateways: [String: String] = [:]) { self.gateways = gateways }
    }

    /// MAVLink as MAVProxy's mqtt module publishes it: `{prefix}/HEARTBEAT`, `{prefix}/SYSTEM_TIME` and
    /// `{prefix}/GLOBAL_POSITION_INT`.
    public struct MAVLinkSettings: Sendable, Hashable {
        public var prefix: TopicPattern
        public init(prefix: TopicPattern) { self.prefix = prefix }
    }

    /// ASTM F3411 network Remote ID: one aircraft state per message on a per-drone topic and, optionally,
    /// `GetFlightsResponse` documents (many aircraft per message) on one topic of their own.
    public struct RemoteIDSettings: Sendable, Hashable {
        public var topic: TopicPattern
        public var flightsTopic: String?
        public init(topic: TopicPattern, flightsTopic: String? = nil) {
            self.topic = topic
            self.flightsTopic = flightsTopic
        }
    }

    /// MISB ST 0601 KLV packets, one per message, on a per-stream topic; the image width is not in ST 0601.
    public struct KLVSettings: Sendable, Hashable {
        public var topic: TopicPattern
        public var imageWidth: Int
        public init(topic: TopicPattern, imageWidth: Int) {
            self.topic = topic
            self.imageWidth = imageWidth
        }
    }

    /// Whether any adapter is configured.
    public var isEmpty: Bool { djiCloudAPI == nil && mavlinkJSON == nil && remoteID == nil && misbKLV == nil }

    /// The MQTT subscriptions the adapters need, besides the native telemetry and payload topics.
    public var subscriptions: [String] {
        var topics: [String] = []
        if let dji = djiCloudAPI {
            topics.append("thing/product/+/osd")
            if !dji.gateways.isEmpty { topics.append("thing/product/+/drc/up") }
        }
        if let mavlink = mavlinkJSON {
            topics += MAVLinkJSONAdapter.messageTypes.map { "\(mavlink.prefix.subscription)/\($0)" }
        }
        if let remoteID {
            topics.append(remoteID.topic.subscription)
            if let flights = remoteID.flightsTopic { topics.append(flights) }
        }
        if let misbKLV { topics.append(misbKLV.topic.subscription) }
        return topics
    }
}
