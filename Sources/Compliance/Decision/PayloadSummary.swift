/// The numbers of a forwarded payload message that the record keeps instead of its content.
public struct PayloadSummary: Sendable, Hashable {
    public var cells: Int
    public var totalCount: Int?
    public var suppressedCells: Int
}
