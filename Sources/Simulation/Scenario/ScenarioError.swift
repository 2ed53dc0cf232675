/// One problem in a scenario file: the file, the field's path inside it, the value as written and the rule.
public struct ScenarioIssue: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// The field, as a path (`drones[1].route[3].lat`, `faults[0].params.zoom`).
    public var field: String
    /// The value as written (shortened), or `(missing)`.
    public var value: String
    public var problem: String

    public init(file: String, field: String, value: String, problem: String) {
        self.file = file
        self.field = field
        self.value = value
        self.problem = problem
    }

    public var description: String { "\(file): \(field) = \(value): \(problem)" }
}

/// Every problem found in a scenario file; a scenario loads whole or not at all.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    public var issues: [ScenarioIssue]

    public init(issues: [ScenarioIssue]) { self.issues = issues }

    public var description: String {
        "\(issues.count) problem\(issues.count == 1 ? "" : "s") in the scenario:\n"
            + issues.map { "  - \($0)" }.joined(separator: "\n")
    }
}
