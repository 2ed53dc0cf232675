/// How an invalid outline of a kept zone was made valid, for the import report.
public struct OutlineRepair: Sendable, Hashable, CustomStringConvertible {
    /// Where the problem is (`geometry.coordinates[0]`).
    public var field: String
    /// What was wrong, as the geometry check says it (`ring intersects itself (edges 3 and 7 near [7.4, 46.9])`).
    public var problems: [String]
    /// What replaced it (`the convex hull of its 12 positions`).
    public var replacement: String
    /// The net area the outline encloses as written (shoelace; a self-intersecting ring's parts that wind the
    /// other way subtract), and the area of the replacement, square metres.
    public var areaAsWritten: Double
    public var areaRepaired: Double

    /// How much larger the repaired outline is, percent; `nil` when the outline as written encloses no area.
    public var areaIncreasePercent: Double? {
        areaAsWritten > 0 ? (areaRepaired / areaAsWritten - 1) * 100 : nil
    }

    public var description: String {
        let growth =
            areaIncreasePercent.map { "+\(Int($0.rounded())) % area" } ?? "the outline as written encloses no net area"
        return "\(field): \(problems.joined(separator: "; ")): replaced by \(replacement) (\(growth))"
    }
}
