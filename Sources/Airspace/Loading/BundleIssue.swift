/// One problem in a bundle, located precisely enough to fix it without searching.
public struct BundleIssue: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file, relative to the bundle folder when read from one.
    public var file: String
    /// The zone or authorisation id, or its position (`features[3]`) when it has no usable id.
    public var item: String?
    /// The field, as a path inside the item (`properties.band.floor.value`, `geometry.coordinates[0][2]`).
    public var field: String
    /// The offending value as written, or a short summary of it.
    public var value: String
    /// What rule it broke.
    public var problem: String

    public init(file: String, item: String?, field: String, value: String, problem: String) {
        self.file = file
        self.item = item
        self.field = field
        self.value = value
        self.problem = problem
    }

    public var description: String {
        let where_ = item.map { "\(file): \($0): " } ?? "\(file): "
        return "\(where_)\(field) = \(value): \(problem)"
    }
}

/// Every problem found in one pass over a bundle.
public struct BundleError: Error, Sendable, CustomStringConvertible {
    public var issues: [BundleIssue]

    public init(issues: [BundleIssue]) { self.issues = issues }

    public var description: String {
        "\(issues.count) problem\(issues.count == 1 ? "" : "s") in the bundle:\n"
            + issues.map { "  - \($0)" }.joined(separator: "\n")
    }
}
