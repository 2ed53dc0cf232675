import Adapters
public import Compliance
public import Foundation

/// Sends every ingress message to the decoder for its topic (native JSON, or one of the configured adapters)
/// and on to the one ``ComplianceEngine``: the live gateway and ``Replay`` both decide through it, so a
/// recording replays exactly as the gateway judged it live.
///
/// A value with one owner (the gateway's actor, the replay loop): the engine's per-drone state and the
/// MAVLink adapter's armed states are shared by every format, so a drone is one drone whatever it speaks.
public struct MessageRouter: Sendable {
    public var engine: ComplianceEngine
    public let adapters: AdapterSettings
    let dji: DJICloudAdapter?
    var mavlink: MAVLinkJSONAdapter?
    let remoteID: RemoteIDAdapter?
    let klv: MISBKLVAdapter?

    public init(engine: ComplianceEngine, adapters: AdapterSettings = AdapterSettings()) {
        self.engine = engine
        self.adapters = adapters
        let missions = MissionAssignments(adapters.missions)
        let bytes = engine.policy.maximumBytes
        dji = adapters.djiCloudAPI.map {
            DJICloudAdapter(missions: missions, gatewayAircraft: $0.gateways, maximumBytes: bytes)
        }
        mavlink = adapters.mavlinkJSON.map {
            MAVLinkJSONAdapter(prefix: $0.prefix, missions: missions, maximumBytes: bytes)
        }
        remoteID = adapters.remoteID.map { _ in RemoteIDAdapter(missions: missions, maximumBytes: bytes) }
        klv = adapters.misbKLV.map { _ in MISBKLVAdapter(maximumBytes: bytes) }
    }

    /// The MQTT subscriptions of the adapters, besides the native telemetry and payload topics.
    public var subscriptions: [String] { adapters.subscriptions }

    /// Decides about one message received at `now`. Native topics go to the engine as they are; an adapter's
    /// topic goes through its adapter, whose rejection is the engine's usual `message_rejected`.
    public mutating func route(topic: String, payload: some Collection<UInt8>, receivedAt now: Date) -> Decision {
        let topics = engine.policy.topics
        if topics.telemetry.drone(in: topic) != nil || topics.payload.match(topic)?.stream != nil {
            return engine.process(topic: topic, payload: payload, receivedAt: now)
        }
        if let klv, let settings = adapters.misbKLV, let match = settings.topic.match(topic), let stream = match.stream
        {
            return klvPacket(
                payload, adapter: klv, imageWidth: settings.imageWidth, drone: match.drone, stream: stream, now: now)
        }
        if let remoteID, let drone = adapters.remoteID?.topic.drone(in: topic) {
            return adapted(drone: drone, now: now) { () throws(Rejection) in
                try remoteID.decodeState(payload, drone: drone)
            }
        }
        if let dji, DJICloudAdapter.accepts(topic: topic) {
            return adapted(drone: Self.djiDrone(topic, gateways: adapters.djiCloudAPI?.gateways ?? [:]), now: now) {
                () throws(Rejection) in try dji.decode(topic: topic, payload: payload)
            }
        }
        if mavlink != nil, let prefix = adapters.mavlinkJSON?.prefix, let slash = topic.lastIndex(of: "/"),
            let drone = prefix.drone(in: String(topic[..<slash]))
        {
            do {
                switch try mavlink!.decode(topic: topic, payload: payload, receivedAt: now) {
                case .telemetry(let adapted): return telemetry(adapted, now: now)
                case .heartbeat(let drone, _), .systemTime(let drone, _):
                    return engine.absorb(drone: drone, receivedAt: now)
                }
            } catch {
                return engine.refuse(error, drone: drone, receivedAt: now)
            }
        }
        // No adapter takes it: the engine refuses it as an unknown topic.
        return engine.process(topic: topic, payload: payload, receivedAt: now)
    }

    /// A fix from an adapter, with its source format, judged by the engine; a rejection is attributed to the
    /// drone the topic names.
    mutating func adapted(drone: String?, now: Date, _ decode: () throws(Rejection) -> AdaptedTelemetry) -> Decision {
        do {
            return telemetry(try decode(), now: now)
        } catch {
            return engine.refuse(error, drone: drone, receivedAt: now)
        }
    }

    mutating func telemetry(_ adapted: AdaptedTelemetry, now: Date) -> Decision {
        var fix = adapted.fix
        fix.source = adapted.source.rawValue
        let cameras = adapted.cameras.map {
            ReportedCamera(zoom: $0.zoom, slantRange: $0.slantRangeMetres, depression: $0.depressionDegrees)
        }
        return engine.process(fix: fix, cameras: cameras, receivedAt: now)
    }

    /// A KLV packet of `stream`: identification blocks and suspends; sensor geometry is judged as imagery.
    mutating func klvPacket(
        _ payload: some Collection<UInt8>, adapter: MISBKLVAdapter, imageWidth: Int, drone: String, stream: String,
        now: Date
    ) -> Decision {
        do {
            switch try adapter.decode(payload) {
            case .identification(let tags):
                return engine.processIdentification(tags: tags, drone: drone, stream: stream, receivedAt: now)
            case .sensor(let metadata):
                let sensor = ReportedSensor(
                    horizontalFieldOfView: metadata.horizontalFOVDegrees,
                    verticalFieldOfView: metadata.verticalFOVDegrees, imageWidth: imageWidth,
                    slantRange: metadata.slantRangeMetres, depression: metadata.depressionDegrees)
                return engine.processSensor(sensor, drone: drone, stream: stream, receivedAt: now)
            }
        } catch {
            return engine.refuse(error, drone: drone, stream: stream, receivedAt: now)
        }
    }

    /// The drone a DJI topic is about, for attributing a rejection: the aircraft SN of `osd`, the mapped
    /// aircraft of a dock's `drc/up`; `nil` when the topic does not say.
    static func djiDrone(_ topic: String, gateways: [String: String]) -> String? {
        let levels = topic.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard levels.count >= 4, let sn = TopicPattern.droneLevel.drone(in: "x/\(levels[2])") else { return nil }
        return levels[3] == "drc" ? gateways[sn] : sn
    }
}

extension TopicPattern {
    /// A pattern of one level below `x`, to check that a text is a valid drone id.
    fileprivate static let droneLevel = try! TopicPattern("x/{drone}")
}
