public import Crypto
public import Foundation

/// Whether a release order comes from the operator it names: signed with a key the configuration lists for
/// that name, issued within ``maximumAge`` of the gateway's clock (and not ahead of it by more than
/// ``maximumAhead``), never seen before (its nonce is kept while the order could still be valid), and not a
/// retained message (which the broker would hand out again at every gateway start and reconnection).
///
/// A name `SIGNER:WHO` with no key of its own is checked against `SIGNER`'s key: the signer vouches for the
/// people it names. The live console signs as `flowgate-console:alice+bob` the release two operators agreed on,
/// so that the record names both.
public struct ReleaseAuthenticator: Sendable {
    /// Operator name → the public key its orders are signed with.
    public var keys: [String: Curve25519.Signing.PublicKey]
    public var maximumAge: Double = 300
    public var maximumAhead: Double = 30
    /// Nonces of accepted orders, with the time each may be forgotten.
    private var seen: [String: Date] = [:]

    public init(keys: [String: Curve25519.Signing.PublicKey] = [:]) {
        self.keys = keys
    }

    /// Checks an order and remembers its nonce.
    /// - Throws: a ``Rejection`` (`not_authenticated`) saying why, without the order's text.
    public mutating func authenticate(_ order: ReleaseOrder, retained: Bool, now: Date) throws(Rejection) {
        func refuse(_ field: String?, _ problem: String) -> Rejection {
            Rejection(.notAuthenticated, field: field, problem: problem)
        }
        guard !retained else { throw refuse(nil, "a retained release order is never obeyed") }
        guard let key = keys[order.operatorName] ?? Self.signer(of: order.operatorName).flatMap({ keys[$0] }) else {
            throw refuse("operator", "no key is configured for this operator")
        }
        guard key.isValidSignature(order.signature, for: order.signedBytes) else {
            throw refuse("signature", "the signature does not verify with the operator's key")
        }
        let age = now.timeIntervalSince(order.issuedAt)
        guard age <= maximumAge else {
            throw refuse("time", String(format: "issued %.0f s ago, valid for %.0f s", age, maximumAge))
        }
        guard -age <= maximumAhead else {
            throw refuse("time", String(format: "issued %.0f s ahead of the gateway's clock", -age))
        }
        seen = seen.filter { $0.value > now }
        guard seen[order.nonce] == nil else { throw refuse("nonce", "this order was obeyed before (a replay)") }
        seen[order.nonce] = order.issuedAt.addingTimeInterval(maximumAge + maximumAhead)
    }

    /// `SIGNER` of a name `SIGNER:WHO` (both parts non-empty); `nil` for a plain name.
    static func signer(of name: String) -> String? {
        guard let colon = name.firstIndex(of: ":"), colon != name.startIndex,
            name.index(after: colon) != name.endIndex
        else { return nil }
        return String(name[..<colon])
    }
}
