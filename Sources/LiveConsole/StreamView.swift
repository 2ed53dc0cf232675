import Compliance

/// One payload stream of a drone: what the gateway did with its messages, by verdict.
struct StreamView: Sendable {
    var counts: [Decision.Verdict: Int] = [:]
    /// The product of the last decoded message.
    var lastProduct: String?

    mutating func count(_ verdict: Decision.Verdict, product: String?) {
        counts[verdict, default: 0] += 1
        if let product { lastProduct = product }
    }
}
