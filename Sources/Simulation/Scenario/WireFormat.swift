/// The wire format a simulated drone's telemetry goes out in. Payload streams stay native JSON whatever the
/// format: the gateway judges them the same way.
public enum WireFormat: String, Sendable, Hashable, CaseIterable {
    /// flowgate's telemetry v1 on `fleet/{drone}/telemetry`.
    case native
    /// A DJI dock's aircraft: `thing/product/{drone}/osd` with the Cloud API envelope.
    case djiCloudAPI = "dji_cloud_api"
    /// A MAVProxy mqtt bridge: `mavlink/{drone}/GLOBAL_POSITION_INT` and a `HEARTBEAT` every second.
    case mavlinkJSON = "mavlink_json"
    /// A network Remote ID service provider: `RIDAircraftState` on `rid/{drone}/state`.
    case remoteID = "remote_id"

    /// Why a fault cannot be carried by this format (so that a scenario scripting it is refused), or `nil`.
    func cannotCarry(_ fault: FaultSpec) -> String? {
        guard self != .native else { return nil }
        switch fault.action {
        case .spoof(nil, _):
            return "\(rawValue) telemetry names the drone in its topic only: there is no drone id to spoof"
        case .clockSkew:
            // MAVLink's clock is skewed through its SYSTEM_TIME, and its seq is the boot clock's, which a skew
            // does not touch.
            return self == .mavlinkJSON
                ? nil : "\(rawValue) derives the fix's seq from its time stamp: a skewed clock would replay seq numbers"
        case .expiredAuthorisation(_?):
            return "\(rawValue) carries no mission: the gateway takes it from its adapters configuration"
        default:
            return nil
        }
    }
}
