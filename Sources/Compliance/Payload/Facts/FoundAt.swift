/// Something a deep inspection found and the schema path of the place it was found (`data.<undefined>[2]`):
/// a path names flowgate's schema, never a key the sender invented, so a finding may carry it.
public struct FoundAt<What: Sendable & Hashable>: Sendable, Hashable {
    public var what: What
    public var path: String

    public init(_ what: What, at path: String) {
        self.what = what
        self.path = path
    }
}
