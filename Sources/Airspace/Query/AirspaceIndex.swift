public import Foundation
public import Geo

/// A bundle made ready for queries: zones in an R-tree, bands resolved to metres AMSL, authorisations keyed by
/// mission. Immutable and `Sendable`: build it once per bundle and query it from anywhere.
public struct AirspaceIndex: Sendable {
    public let bundle: SiteBundle
    let tree: RTree
    // Per zone, in bundle order: what every query reads, kept apart from the rest of `Zone` so that the
    // hot loop does not copy (and retain) whole zones.
    let bands: [ResolvedBand]
    let kinds: [ZoneKind]
    let shapes: [Shape]
    let activities: [Activity]
    let margins: [Double]
    /// One box around each zone (around both halves of one that crosses ±180°).
    let outerBoxes: [BoundingBox]
    let zoneIndexByID: [String: Int]
    /// Authorisation indexes by mission.
    let authorisationsByMission: [String: [Int]]
    /// For each authorisation, the indexes of its operation areas that list its mission, sorted.
    let authorisedAreas: [[Int32]]
    /// An R-tree per authorisation over its areas, to find the nearest one from outside.
    let authorisedAreaTrees: [RTree]
    /// How far around a position zones are looked at: far enough for every zone's warning margin, and never
    /// less than ``minimumSearchRadius`` so that a nearby no-fly zone is always seen.
    let searchRadius: Double

    /// The least distance, in metres, around a position within which no-fly zones are considered.
    public static let minimumSearchRadius = 100.0

    public init(bundle: SiteBundle) {
        self.bundle = bundle
        func entries(_ indexes: some Sequence<Int>) -> [(box: BoundingBox, value: Int32)] {
            indexes.flatMap { index in bundle.zones[index].shape.boundingBoxes.map { (box: $0, value: Int32(index)) } }
        }
        tree = RTree(entries: entries(bundle.zones.indices))
        bands = bundle.zones.map { $0.band.resolved(in: bundle.site.datum) }
        kinds = bundle.zones.map(\.kind)
        shapes = bundle.zones.map(\.shape)
        activities = bundle.zones.map(\.activity)
        margins = bundle.zones.map(\.marginMetres)
        outerBoxes = bundle.zones.map { zone in
            let boxes = zone.shape.boundingBoxes
            return boxes.dropFirst().reduce(boxes[0]) { $0.union($1) }
        }
        let byID = Dictionary(bundle.zones.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        zoneIndexByID = byID
        authorisationsByMission = Dictionary(
            grouping: bundle.authorisations.indices, by: { bundle.authorisations[$0].mission })
        let areas = bundle.authorisations.map { auth in
            auth.operationAreas.compactMap { byID[$0] }.filter { bundle.zones[$0].missions.contains(auth.mission) }
                .sorted()
        }
        authorisedAreas = areas.map { $0.map(Int32.init) }
        authorisedAreaTrees = areas.map { RTree(entries: entries($0)) }
        searchRadius = max(AirspaceIndex.minimumSearchRadius, bundle.zones.map(\.marginMetres).max() ?? 0)
    }

    /// Zones whose boxes come within `radius` metres of `point`, each once, in bundle order.
    /// - Parameter scale: metres per degree at the point's latitude.
    func candidates(near point: GeoPoint, radius: Double, scale: (north: Double, east: Double)) -> [Int32] {
        var found: [Int32] = []
        found.reserveCapacity(16)
        let dLat = radius / scale.north * 1.01, dLon = radius / scale.east * 1.01
        if abs(point.latitude) < 80, abs(point.longitude) + dLon < 180 {
            // The everyday case, without the general expansion's allocations: a box that neither wraps nor
            // reaches a pole. The 1 % covers the change of scale across the box.
            let box = BoundingBox(
                minLongitude: point.longitude - dLon, minLatitude: point.latitude - dLat,
                maxLongitude: point.longitude + dLon, maxLatitude: point.latitude + dLat)
            tree.search(box) { found.append($0) }
        } else {
            for box in BoundingBox(point: point).expanded(byMetres: radius) {
                tree.search(box) { found.append($0) }
            }
        }
        if found.count > 1 {
            // A zone appears once per box: a multipolygon has a box per part, a circle across ±180° two.
            found.sort()
            var write = 1
            for read in 1..<found.count where found[read] != found[write - 1] {
                found[write] = found[read]
                write += 1
            }
            found.removeLast(found.count - write)
        }
        return found
    }

    /// The zones that hold `point` horizontally and are active at `time`, whatever the altitude.
    public func zones(containing point: GeoPoint, at time: Date) -> [Zone] {
        // Boxes within the boundary tolerance: a point that far outside a zone's box is on its outline.
        let scale = WGS84.metresPerDegree(atLatitude: point.latitude)
        return candidates(near: point, radius: 2 * Shape.boundaryTolerance, scale: scale).filter {
            activities[Int($0)].isActive(at: time) && shapes[Int($0)].contains(point)
        }.map { bundle.zones[Int($0)] }
    }

}
