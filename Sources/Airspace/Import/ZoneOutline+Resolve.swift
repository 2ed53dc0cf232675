import Geo

extension ZoneOutline {
    /// A shape and the repairs it needed.
    struct Resolved {
        var shape: Shape
        var repairs: [OutlineRepair]
    }

    /// The checked shape. An invalid polygon (self-intersecting or unclosed ring, spike, hole outside its
    /// polygon, overlapping MultiPolygon parts) is replaced by the convex hull of its positions, which
    /// contains every point any reading of the outline could mean; with `strict` it is refused instead.
    /// Outlines that cross the antimeridian, or whose positions all lie on one line, cannot be repaired.
    /// - Parameter path: the geometry's path (`geometry`), prefixing the issues' paths.
    /// - Throws: the ``GeometryIssues`` that make the outline unusable, their paths from the feature.
    func resolve(strict: Bool, path: String) throws(GeometryIssues) -> Resolved {
        let coordinates = path.isEmpty ? "coordinates" : "\(path).coordinates"
        switch self {
        case .circle(let circle):
            return Resolved(shape: .circle(circle), repairs: [])
        case .polygon(let rings):
            let (polygon, repair) = try Self.polygon(rings, strict: strict, at: coordinates)
            return Resolved(shape: .polygon(polygon), repairs: repair.map { [$0] } ?? [])
        case .multiPolygon(let parts):
            var polygons: [(polygon: Polygon, positions: [GeoPoint], index: Int)] = []
            var repairs: [OutlineRepair] = []
            var issues: [GeometryIssue] = []
            for (index, rings) in parts.enumerated() {
                do throws(GeometryIssues) {
                    let (polygon, repair) = try Self.polygon(rings, strict: strict, at: "\(coordinates)[\(index)]")
                    polygons.append((polygon, rings.flatMap { $0 }, index))
                    if let repair { repairs.append(repair) }
                } catch {
                    issues += error.issues
                }
            }
            if !issues.isEmpty { throw GeometryIssues(issues) }
            let merged = try Self.disjoint(polygons, strict: strict, at: coordinates)
            return Resolved(shape: .multiPolygon(merged.polygons), repairs: repairs + merged.repairs)
        }
    }

    static let strictNote = "a strict import refuses invalid outlines (otherwise: replaced by their convex hull)"

    /// One polygon, repaired when invalid and not `strict`.
    private static func polygon(
        _ rings: [[GeoPoint]], strict: Bool, at field: String
    ) throws(GeometryIssues) -> (Polygon, OutlineRepair?) {
        let issues: [GeometryIssue]
        do {
            return (try Polygon(rings: rings), nil)
        } catch {
            issues = error.issues.map { $0.nested(under: field) }
        }
        let positions = rings.flatMap { $0 }
        guard !strict, !crossesAntimeridian(rings), let hull = hullPolygon(of: positions) else {
            throw GeometryIssues(strict ? issues.map(strictIssue) : issues)
        }
        let frame = LocalFrame(origin: hull.boundingBox.center)
        let written =
            ConvexHull.area(rings[0], in: frame) - rings.dropFirst().reduce(0) { $0 + ConvexHull.area($1, in: frame) }
        let repair = OutlineRepair(
            field: issues.first?.path ?? field, problems: issues.map { "\($0.problem) (\($0.path) = \($0.value))" },
            replacement: "the convex hull of its \(Set(positions).count) positions", areaAsWritten: max(0, written),
            areaRepaired: ConvexHull.area(hull.outerRing, in: frame))
        return (hull, repair)
    }

    /// The parts, those that overlap merged into the convex hull of both until none do.
    private static func disjoint(
        _ parts: [(polygon: Polygon, positions: [GeoPoint], index: Int)], strict: Bool, at field: String
    ) throws(GeometryIssues) -> (polygons: [Polygon], repairs: [OutlineRepair]) {
        var parts = parts
        var repairs: [OutlineRepair] = []
        var merging = true
        while merging {
            merging = false
            search: for later in parts.indices {
                for earlier in 0..<later where parts[earlier].polygon.overlaps(parts[later].polygon) {
                    let first = parts[earlier], second = parts[later]
                    let problem =
                        "overlaps polygon \(field)[\(first.index)]; the parts of a MultiPolygon must be disjoint"
                    let positions = first.positions + second.positions
                    guard !strict, let hull = hullPolygon(of: positions) else {
                        let issue = GeometryIssue(
                            path: "\(field)[\(second.index)]", value: "\(second.polygon.outerRing.count) corners",
                            problem: problem)
                        throw GeometryIssues([strict ? strictIssue(issue) : issue])
                    }
                    let frame = LocalFrame(origin: hull.boundingBox.center)
                    repairs.append(
                        OutlineRepair(
                            field: "\(field)[\(second.index)]", problems: [problem],
                            replacement: "the convex hull of both parts",
                            areaAsWritten: area(first.polygon, frame) + area(second.polygon, frame),
                            areaRepaired: ConvexHull.area(hull.outerRing, in: frame)))
                    parts[earlier] = (hull, positions, first.index)
                    parts.remove(at: later)
                    merging = true
                    break search
                }
            }
        }
        return (parts.map(\.polygon), repairs)
    }

    private static func hullPolygon(of positions: [GeoPoint]) -> Polygon? {
        guard let hull = ConvexHull.of(positions) else { return nil }
        return try? Polygon(rings: [hull + [hull[0]]])
    }

    private static func area(_ polygon: Polygon, _ frame: LocalFrame) -> Double {
        ConvexHull.area(polygon.outerRing, in: frame) - polygon.holes.reduce(0) { $0 + ConvexHull.area($1, in: frame) }
    }

    /// A hull drawn in longitude/latitude would go the wrong way round the Earth.
    private static func crossesAntimeridian(_ rings: [[GeoPoint]]) -> Bool {
        rings.contains { ring in
            zip(ring, ring.dropFirst()).contains { abs($1.longitude - $0.longitude) > 180 }
        }
    }

    private static func strictIssue(_ issue: GeometryIssue) -> GeometryIssue {
        GeometryIssue(path: issue.path, value: issue.value, problem: "\(issue.problem); \(strictNote)")
    }
}
