/// What one incoming message says, once its format has been read: the one thing the engine decides about.
/// Every format's reader (native JSON, DJI Cloud API, MAVLink JSON, Remote ID, MISB KLV, the control topic)
/// produces these, and ``ComplianceEngine/decide(_:at:)`` is the one way into the engine, live and in replay.
public enum Observation: Sendable {
    /// A drone's position. `cameras`: the geometry of its cameras reported with this fix (DJI payload objects),
    /// replacing what its previous fix reported; `nil` when the format reports none (native JSON).
    case fix(TelemetryFix, cameras: [ReportedCamera]?)
    /// A payload message of a drone's stream, still to be read and judged under the purpose rules.
    case payload([UInt8], drone: String, stream: String)
    /// A KLV packet carrying identification data (the VMTI local set, a target id): these tags.
    case identification(tags: [Int], drone: String, stream: String)
    /// A KLV packet's sensor geometry for a stream's imagery.
    case sensor(ReportedSensor, drone: String, stream: String)
    /// A status message that carries nothing to publish (a MAVLink HEARTBEAT or SYSTEM_TIME).
    case status(drone: String)
    /// An operator's order to lift a stream's suspension; `retained`: delivered as a retained message.
    case releaseOrder(ReleaseOrder, retained: Bool)
    /// A message whose format could not be read or attributed: fail closed. `stream`: on a payload stream.
    case unreadable(Rejection, drone: String?, stream: String?)
    /// A control message that is not a valid order.
    case unreadableOrder(Rejection)
}
