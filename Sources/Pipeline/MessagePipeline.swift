import Adapters
public import Airspace
public import Compliance
public import Foundation

/// The one way a message goes, live and in replay: the first format that claims its topic reads it into
/// observations (native JSON, the control topic, the configured adapters), and the engine decides each. A
/// topic no format claims is refused as unknown (fail closed).
///
/// A value with one owner (the gateway's actor, the replay loop): the engine's per-drone state and the
/// MAVLink reader's armed states are shared by every format, so a drone is one drone whatever it speaks.
public struct MessagePipeline: Sendable {
    public private(set) var engine: ComplianceEngine
    public let adapters: AdapterSettings
    /// Every decision made, by verdict and reason.
    public private(set) var counts = DecisionCounts()
    /// In the order they are asked: the native and control topics first.
    var formats: [any MessageFormat]

    public init(engine: ComplianceEngine, adapters: AdapterSettings = AdapterSettings()) {
        self.engine = engine
        self.adapters = adapters
        formats = [NativeFormat(policy: engine.policy), ControlFormat(topic: engine.policy.topics.control)]
        formats += MessagePipeline.adapterFormats(adapters, maximumBytes: engine.policy.maximumBytes)
    }

    static func adapterFormats(_ adapters: AdapterSettings, maximumBytes bytes: Int) -> [any MessageFormat] {
        let missions = MissionAssignments(adapters.missions)
        var formats: [any MessageFormat] = []
        if let klv = adapters.misbKLV {
            formats.append(
                KLVFormat(adapter: MISBKLVAdapter(maximumBytes: bytes), topic: klv.topic, imageWidth: klv.imageWidth))
        }
        if let remoteID = adapters.remoteID {
            formats.append(
                RemoteIDFormat(
                    adapter: RemoteIDAdapter(missions: missions, maximumBytes: bytes), stateTopic: remoteID.topic,
                    flightsTopic: remoteID.flightsTopic))
        }
        if let dji = adapters.djiCloudAPI {
            formats.append(
                DJIFormat(
                    adapter: DJICloudAdapter(missions: missions, gatewayAircraft: dji.gateways, maximumBytes: bytes),
                    gateways: dji.gateways))
        }
        if let mavlink = adapters.mavlinkJSON {
            formats.append(
                MAVLinkFormat(
                    adapter: MAVLinkJSONAdapter(prefix: mavlink.prefix, missions: missions, maximumBytes: bytes),
                    prefix: mavlink.prefix))
        }
        return formats
    }

    /// The MQTT subscriptions of the adapters, besides the native telemetry and payload topics.
    public var subscriptions: [String] { adapters.subscriptions }

    /// The decisions about one message received at `now` (the gateway's clock): one per observation, in the
    /// order the message gives them.
    public mutating func decide(_ message: IncomingMessage, at now: Date) -> [Decision] {
        for index in formats.indices {
            if let observations = formats[index].observations(of: message, at: now) {
                return observations.map { decide($0, at: now) }
            }
        }
        return [decide(.unreadable(NativeFormat.unknownTopic, drone: nil, stream: nil), at: now)]
    }

    private mutating func decide(_ observation: Observation, at now: Date) -> Decision {
        let decision = engine.decide(observation, at: now)
        counts.count(decision)
        return decision
    }

    /// Replaces the zones and authorisations between two messages (``ComplianceEngine/useAirspace(_:now:)``).
    public mutating func useAirspace(_ airspace: AirspaceIndex, now: Date) {
        engine.useAirspace(airspace, now: now)
    }

    /// Restores a suspension recorded before a restart.
    public mutating func restore(_ key: StreamKey, _ suspension: Suspension) {
        engine.restore(key, suspension)
    }

    /// A drone as the instance that owned it before had it (``ComplianceEngine/restore(drone:_:)``).
    @discardableResult
    public mutating func restore(drone: String, _ handover: DroneHandover) -> Bool {
        engine.restore(drone: drone, handover)
    }

    /// Forgets the drones of a partition handed to another instance (``ComplianceEngine/forget(where:)``).
    public mutating func forget(where includes: (String) -> Bool) {
        engine.forget(where: includes)
    }
}
