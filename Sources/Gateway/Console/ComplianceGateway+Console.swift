public import Airspace
public import Compliance
public import Foundation
import MQTT
import Pipeline

/// What the live console asks of the gateway: the state it cannot rebuild from decisions alone, and the release
/// of a stream on the operators' order.
extension ComplianceGateway {
    /// Why a release the console submitted did not happen.
    public enum ConsoleReleaseError: Error, Sendable, CustomStringConvertible {
        /// The gateway is not connected to the consumers' broker (not started yet, or stopping).
        case notRunning
        /// The pipeline refused the order; the rejection says why.
        case refused(Rejection)
        /// The order was valid but the stream was not suspended.
        case notSuspended
        /// The record failed: the gateway is stopping.
        case recordFailed

        public var description: String {
            switch self {
            case .notRunning: "the gateway is not running"
            case .refused(let rejection): "refused: \(rejection)"
            case .notSuspended: "the stream is not suspended"
            case .recordFailed: "the record failed"
            }
        }
    }

    /// The streams latched now, with why and since when.
    public var suspensions: [StreamKey: Suspension] { pipeline.engine.suspensions }

    /// The bundle in force (a reload replaces it).
    public var bundle: SiteBundle { pipeline.engine.airspace.bundle }

    /// The gateway's time now (the exercise clock in a demo).
    public nonisolated func now() -> Date { config.clock(Date()) }

    /// Submits a signed release order exactly as if it had arrived on the control topic: the same pipeline step
    /// authenticates it (``ReleaseAuthenticator``), the same engine lifts the suspension, and the same record and
    /// events say who released it and why.
    /// - Returns: the order as obeyed.
    /// - Throws: ``ConsoleReleaseError``.
    public func release(_ order: ReleaseOrder) async throws(ConsoleReleaseError) -> ReleaseOrder {
        guard let egress else { throw .notRunning }
        let message = MQTTMessage(topic: config.policy.topics.control, payload: order.json, qos: 1)
        var outcome: [Decision] = []
        guard await judge(message, egress: egress, decided: { outcome = $0 }) else { throw .recordFailed }
        if let released = outcome.first?.release { return released }
        if let rejection = outcome.first?.rejection { throw .refused(rejection) }
        throw .notSuspended
    }
}
