public import Compliance
public import Foundation
import HexEncoding

/// The state of one partition that must outlive its owner (Docs/CLUSTER.md), kept retained on the cluster
/// (`fgc/state/<partition>`) by the instance that owns it: the suspended streams of its drones and each drone's
/// last accepted fix and standing (``DroneHandover``). The next owner starts from it, so a latched stream stays
/// latched after a failover, a replay stays a replay, and a payload keeps its join.
public struct PartitionHandover: Codable, Sendable, Hashable {
    public var instance: String
    public var partition: Int
    public var suspensions: [SuspendedStream]
    public var drones: [String: DroneHandover]
    /// When the publishing instance wrote it (its wall clock, seconds since 1970): of two hand-overs of a
    /// partition from one instance, the older one is stale (a replay of an earlier state).
    public var issued: Double?
    /// HMAC-SHA256 (hex) over the hand-over without this member, with the cluster's ``HandoverKey``.
    public var mac: String?

    public init(instance: String, partition: Int, suspensions: [SuspendedStream], drones: [String: DroneHandover]) {
        self.instance = instance
        self.partition = partition
        self.suspensions = suspensions.sorted { ($0.drone, $0.stream) < ($1.drone, $1.stream) }
        self.drones = drones
    }

    /// One latched stream, as the engine holds it.
    public struct SuspendedStream: Codable, Sendable, Hashable {
        public var drone: String
        public var stream: String
        /// Seconds since 1970, the gateway clock's time of the suspension.
        public var since: Double
        public var codes: [String]

        public init(_ key: StreamKey, _ suspension: Suspension) {
            drone = key.drone
            stream = key.stream
            since = suspension.since.timeIntervalSince1970
            codes = suspension.codes.map(\.rawValue)
        }

        public var key: StreamKey { StreamKey(drone: drone, stream: stream) }

        /// The suspension; codes this version does not know are left out (the latch holds without them).
        public var suspension: Suspension {
            Suspension(
                since: Date(timeIntervalSince1970: since), codes: codes.compactMap(FindingCode.init(rawValue:)),
                product: nil)
        }
    }

    /// This hand-over issued now and authenticated with `key`.
    public func signed(with key: HandoverKey, issued: Date = Date()) -> PartitionHandover {
        var signed = self
        signed.issued = issued.timeIntervalSince1970
        signed.mac = nil
        signed.mac = key.authenticationCode(signed.encoded()).hexString
        return signed
    }

    /// Whether the hand-over carries `key`'s code over its content: the encoding is canonical (sorted keys), so
    /// the receiver's encoding without the code is the bytes the sender authenticated.
    public func isAuthentic(with key: HandoverKey?) -> Bool {
        guard let key else { return true }
        guard let mac, let code = [UInt8](hexString: mac) else { return false }
        var content = self
        content.mac = nil
        return key.isValid(code, for: content.encoded())
    }

    public func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return Array((try? encoder.encode(self)) ?? Data())
    }

    /// - Throws: when the payload is not a hand-over (then it is ignored and logged, never half applied).
    public static func decoded(_ payload: [UInt8]) throws -> PartitionHandover {
        try JSONDecoder().decode(PartitionHandover.self, from: Data(payload))
    }
}
