/// One thing wrong with a geometry, found while building it. `path` is relative to the geometry
/// (`coordinates[0][3]`, `radius_m`); readers prefix it with the file and feature.
public struct GeometryIssue: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var value: String
    public var problem: String

    public init(path: String, value: String, problem: String) {
        self.path = path
        self.value = value
        self.problem = problem
    }

    /// The same issue seen from an enclosing path, e.g. `coordinates[2]` inside a MultiPolygon.
    public func nested(under prefix: String) -> GeometryIssue {
        GeometryIssue(path: prefix + path.dropFirst("coordinates".count), value: value, problem: problem)
    }

    public var description: String { "\(path) = \(value): \(problem)" }
}

/// Every issue found in one geometry: builders report them all at once, never just the first.
public struct GeometryIssues: Error, Sendable, Hashable {
    public var issues: [GeometryIssue]

    public init(_ issues: [GeometryIssue]) { self.issues = issues }
}
