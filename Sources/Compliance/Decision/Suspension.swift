public import Foundation

/// Why and since when a stream is suspended.
public struct Suspension: Sendable, Hashable {
    public var since: Date
    /// The identification codes of the message that latched it.
    public var codes: [FindingCode]
    public var product: String?

    public init(since: Date, codes: [FindingCode], product: String?) {
        self.since = since
        self.codes = codes
        self.product = product
    }
}
