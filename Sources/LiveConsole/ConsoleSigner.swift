import Compliance
import Crypto
public import Foundation

/// The console's own Ed25519 key, made afresh at each start and listed in the policy as operator
/// ``name``: it signs the release two operators agreed on, as `flowgate-console:alice+bob`, so that the order
/// takes the control topic's authenticated path (``ReleaseAuthenticator`` accepts a `SIGNER:WHO` name with
/// the signer's key) and the record names both operators. The private key never leaves the process.
public struct ConsoleSigner: Sendable {
    public static let name = "flowgate-console"

    let key: Curve25519.Signing.PrivateKey

    public init() { key = Curve25519.Signing.PrivateKey() }

    /// What ``CompliancePolicy/operatorKeys`` lists under ``name``.
    public var publicKeyBytes: Data { key.publicKey.rawRepresentation }

    /// The order two operators agreed on, signed, issued at the gateway's time.
    func order(for stream: StreamKey, first: ReleaseApproval, second: ReleaseApproval, now: Date) throws
        -> ReleaseOrder
    {
        try ReleaseOrder.signed(
            stream: stream, operatorName: "\(Self.name):\(first.operatorName)+\(second.operatorName)",
            reason: "\(first.operatorName): \(first.reason) | \(second.operatorName): \(second.reason)",
            issuedAt: now, key: key)
    }
}
